using System.Data.Common;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Adhoc commands over Dapper: one row per adhoc run.</summary>
internal sealed class AdhocCommandStore(IDbConnectionFactory connections) : IAdhocCommandStore
{
    private const string InsertSql =
        "INSERT INTO adhoc_commands (run_id, cmd, host, owner, max_run_time, requested_by) VALUES (@RunId, @Cmd, @Host, @Owner, @MaxRunTime, @RequestedBy)";

    private const string FindSql =
        "SELECT run_id AS RunId, cmd AS Cmd, host AS Host, owner AS Owner, max_run_time AS MaxRunTime, requested_by AS RequestedBy FROM adhoc_commands WHERE run_id = @runId";

    public async Task SaveAsync(AdhocCommandRecord command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            var row = command with { RequestedBy = command.RequestedBy.Length <= 200 ? command.RequestedBy : command.RequestedBy[..200] };
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (connections.Dialect.IsUniqueViolation(ex))
        {
            // Saved already: the first copy stands.
        }
    }

    public async Task<AdhocCommandRecord?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(FindSql, new { runId }, cancellationToken: cancellationToken));
        return row is null ? null : new AdhocCommandRecord(row.RunId, row.Cmd, row.Host, row.Owner, (int)row.MaxRunTime, row.RequestedBy);
    }

    /// <summary>Dapper's shape of a row: the integer column comes back as long on SQLite.</summary>
    private sealed class Row
    {
        public string RunId { get; init; } = "";

        public string Cmd { get; init; } = "";

        public string Host { get; init; } = "";

        public string? Owner { get; init; }

        public long MaxRunTime { get; init; }

        public string RequestedBy { get; init; } = "";
    }
}
