using System.Globalization;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// How much the database has written so far, for benchmarks that compare storage changes on a noisy machine where
/// wall-clock time moves by more than the change. SQLite: this process's write calls and bytes (<c>/proc/self/io</c>:
/// WAL frames, checkpoints); PostgreSQL: the cluster's WAL records and bytes (<c>pg_stat_wal</c>, 14 or later).
/// </summary>
internal sealed record WriteVolume(long Writes, long Bytes)
{
    private const string PostgresSql = "SELECT wal_records AS \"Writes\", CAST(wal_bytes AS BIGINT) AS \"Bytes\" FROM pg_stat_wal";

    /// <summary>What <paramref name="provider"/> calls a write: a write system call, or a WAL record.</summary>
    public static string Unit(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "WAL records" : "write calls";

    /// <summary>The counters now, or null where the database does not tell (SQL Server, a system without <c>/proc</c>).</summary>
    public static async Task<WriteVolume?> ReadAsync(IDbConnectionFactory connections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        switch (connections.Dialect.Provider)
        {
            case DatabaseProvider.Postgres:
                await using (var connection = await connections.OpenAsync(cancellationToken))
                {
                    // The statistics are sent to the collector at the end of each transaction; a fresh snapshot sees them.
                    await connection.ExecuteAsync(new CommandDefinition("SELECT pg_stat_clear_snapshot()", cancellationToken: cancellationToken));
                    return await connection.QuerySingleAsync<WriteVolume>(new CommandDefinition(PostgresSql, cancellationToken: cancellationToken));
                }

            case DatabaseProvider.Sqlite when File.Exists("/proc/self/io"):
                long writes = 0, bytes = 0;
                foreach (var line in await File.ReadAllLinesAsync("/proc/self/io", cancellationToken))
                {
                    var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
                    if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        (writes, bytes) = parts[0] switch { "syscw" => (value, bytes), "wchar" => (writes, value), _ => (writes, bytes) };
                    }
                }

                return new WriteVolume(writes, bytes);
            default:
                return null;
        }
    }

    /// <summary>What was written between <paramref name="before"/> and this reading.</summary>
    public WriteVolume Since(WriteVolume before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new WriteVolume(Writes - before.Writes, Bytes - before.Bytes);
    }
}
