using System.Data;
using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class MonitoringStore
{
    private static readonly string[] RunTables = ["run_events", "run_attempts", "run_output", "failed_runs", "adhoc_commands"];

    internal static string PurgeCandidatesSql(ISqlDialect dialect) =>
        "SELECT run_id FROM runs WHERE status IN ('SUCCESS', 'FAILED', 'TERMINATED') AND finished_at < @before " +
        $"ORDER BY finished_at {dialect.Page("offset", "limit")}";

    public async Task<int> PurgeAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken)
    {
        var cutoff = EpochMilliseconds.From(before);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(
            PurgeCandidatesSql(connections.Dialect), new { before = cutoff, offset = 0, limit = batch }, cancellationToken: cancellationToken))).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (ids.Count > 0)
        {
            // One parameter per id (PostgreSQL would take an array, SQL Server would not); a batch stays far below SQL Server's 2100.
            var list = SqlLists.NumberedParameters("id", ids.Count);
            var parameters = new DynamicParameters();
            for (var i = 0; i < ids.Count; i++)
            {
                parameters.Add($"id{i}", ids[i], DbType.String);
            }

            foreach (var table in RunTables)
            {
                await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE run_id IN ({list})", parameters, transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE run_id IN ({list}))", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM alerts WHERE run_id IN ({list})", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM runs WHERE run_id IN ({list})", parameters, transaction, cancellationToken: cancellationToken));
        }

        // Alerts about hosts (breakers) have no run; they age out on their own date.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE run_id IS NULL AND created_at < @before)",
            new { before = cutoff }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alerts WHERE run_id IS NULL AND created_at < @before", new { before = cutoff }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
