using System.Data;
using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    // SQL Server accepts at most 2100 parameters in one command.
    private const int InListChunk = 1000;

    private const string EventsSql =
        "SELECT id AS Id, run_id AS RunId, attempt AS Attempt, at AS At, actor AS Actor, from_status AS FromStatus, to_status AS ToStatus, detail AS Detail " +
        // Typed monitoring events (event_type set) belong to the timeline endpoint; run show lists the status moves.
        "FROM run_events WHERE run_id = @runId AND event_type IS NULL ORDER BY id";

    public async Task<RunRecord?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(FindSql, new { runId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        var (sql, parameters) = ListCommand(connections.Dialect, query);
        return await QueryRunsAsync(sql, parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunEventRow>(new CommandDefinition(EventsSql, new { runId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<RunRecord?> LatestAsync(string taskName, CancellationToken cancellationToken) =>
        FirstOf(await QueryRunsAsync(LatestSql(connections.Dialect), new { taskName, offset = 0, limit = 1 }, cancellationToken));

    public async Task<RunRecord?> LatestFinishedAsync(string taskName, DateTimeOffset finishedAfter, CancellationToken cancellationToken) =>
        FirstOf(await QueryRunsAsync(
            LatestFinishedSql(connections.Dialect),
            new { taskName, after = EpochMilliseconds.From(finishedAfter), offset = 0, limit = 1 },
            cancellationToken));

    public async Task<RunRecord?> PreviousAsync(long tid, DateTimeOffset scheduledBefore, CancellationToken cancellationToken) =>
        FirstOf(await QueryRunsAsync(
            PreviousSql(connections.Dialect),
            new { tid, before = EpochMilliseconds.From(scheduledBefore), offset = 0, limit = 1 },
            cancellationToken));

    public async Task<IReadOnlyDictionary<long, RunRecord>> UnfinishedAsync(IReadOnlyCollection<long> tids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tids);
        var result = new Dictionary<long, RunRecord>();
        foreach (var chunk in tids.Distinct().Chunk(InListChunk))
        {
            // Named parameters, not Dapper's list expansion: with Npgsql, Dapper sends a list as one array
            // parameter, and "IN @tids" is then a syntax error on PostgreSQL.
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add($"tid{i}", chunk[i], DbType.Int64);
            }

            foreach (var run in await QueryRunsAsync(UnfinishedSql(chunk.Length), parameters, cancellationToken))
            {
                result.TryAdd(run.Tid, run);
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<long, DateTimeOffset>> LastScheduledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Tid, long Last)>(new CommandDefinition(LastScheduledSql, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Tid, r => EpochMilliseconds.ToInstant(r.Last));
    }

    private static RunRecord? FirstOf(IReadOnlyList<RunRecord> runs) => runs.Count > 0 ? runs[0] : null;

    private async Task<IReadOnlyList<RunRecord>> QueryRunsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }
}
