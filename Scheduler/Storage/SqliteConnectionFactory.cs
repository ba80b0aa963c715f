using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EasyTask.Scheduler.Storage;

/// <summary>Connections to a SQLite file, created (with its folder) on first use.</summary>
internal sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    // Long enough to wait out another connection's write (a migration, a burst of run updates),
    // short enough that a stuck writer surfaces as an error instead of a hang.
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string path;
    private readonly string connectionString;
    private int prepared;

    public SqliteConnectionFactory(string path)
    {
        this.path = Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = this.path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public ISqlDialect Dialect { get; } = new SqliteDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var first = Volatile.Read(ref prepared) == 0;
        if (first && Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // busy_timeout belongs to the connection, so every open sets it. WAL lets readers (API,
            // console) work while the scheduler writes; it is stored in the file, so once is enough.
            var pragmas = first
                ? $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA journal_mode = WAL;"
                : $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            await connection.ExecuteAsync(new CommandDefinition(pragmas, cancellationToken: cancellationToken));
            Volatile.Write(ref prepared, 1);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
