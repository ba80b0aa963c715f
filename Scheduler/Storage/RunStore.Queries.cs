using System.Data;
using System.Text;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    private const string Unfinished = "('ACTIVE', 'TRIGGER', 'STARTED', 'RUNNING')";
    private const string Final = "('SUCCESS', 'FAILED', 'TERMINATED')";

    // SQL Server accepts at most 2100 parameters in one command.
    private const int InListChunk = 1000;

    private const string EventsSql =
        "SELECT id AS Id, run_id AS RunId, attempt AS Attempt, at AS At, actor AS Actor, from_status AS FromStatus, to_status AS ToStatus, detail AS Detail " +
        "FROM run_events WHERE run_id = @runId ORDER BY id";

    public async Task<RunRecord?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(FindSql, new { runId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT ").Append(RunRow.Columns).Append(" FROM runs WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (query.TaskName is not null)
        {
            sql.Append(" AND task_name = @taskName");
            parameters.Add("taskName", query.TaskName, DbType.String);
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            // Status names come from the enum, never from the caller's text, so inlining them is safe.
            sql.Append(" AND status IN (").Append(string.Join(", ", statuses.Select(s => $"'{s.ToText()}'"))).Append(')');
        }

        if (query.ScheduledSince is { } since)
        {
            sql.Append(" AND scheduled_for >= @since");
            parameters.Add("since", EpochMilliseconds.From(since), DbType.Int64);
        }

        sql.Append(" ORDER BY scheduled_for DESC, run_id DESC ").Append(connections.Dialect.Page("offset", "limit"));
        parameters.Add("offset", 0, DbType.Int32);
        parameters.Add("limit", Math.Clamp(query.Limit, 1, 100_000), DbType.Int32);
        return await QueryRunsAsync(sql.ToString(), parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunEventRow>(new CommandDefinition(EventsSql, new { runId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<RunRecord?> LatestAsync(string taskName, CancellationToken cancellationToken) =>
        FirstOf(await QueryRunsAsync(
            $"SELECT {RunRow.Columns} FROM runs WHERE task_name = @taskName ORDER BY scheduled_for DESC {connections.Dialect.Page("offset", "limit")}",
            new { taskName, offset = 0, limit = 1 },
            cancellationToken));

    public async Task<RunRecord?> LatestFinishedAsync(string taskName, DateTimeOffset finishedAfter, CancellationToken cancellationToken) =>
        FirstOf(await QueryRunsAsync(
            $"SELECT {RunRow.Columns} FROM runs WHERE task_name = @taskName AND status IN {Final} AND finished_at > @after " +
            $"AND (reason IS NULL OR reason <> '{RunReason.Skipped}') ORDER BY finished_at DESC {connections.Dialect.Page("offset", "limit")}",
            new { taskName, after = EpochMilliseconds.From(finishedAfter), offset = 0, limit = 1 },
            cancellationToken));

    public async Task<RunRecord?> PreviousAsync(long tid, DateTimeOffset scheduledBefore, CancellationToken cancellationToken) =>
        FirstOf(await QueryRunsAsync(
            $"SELECT {RunRow.Columns} FROM runs WHERE tid = @tid AND scheduled_for < @before ORDER BY scheduled_for DESC {connections.Dialect.Page("offset", "limit")}",
            new { tid, before = EpochMilliseconds.From(scheduledBefore), offset = 0, limit = 1 },
            cancellationToken));

    public async Task<IReadOnlyDictionary<long, RunRecord>> UnfinishedAsync(IReadOnlyCollection<long> tids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, RunRecord>();
        foreach (var chunk in tids.Distinct().Chunk(InListChunk))
        {
            // Parameters spelled out one by one: Dapper hands Npgsql a list as an array, which "IN" cannot take.
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add($"t{i}", chunk[i], DbType.Int64);
            }

            var list = string.Join(", ", chunk.Select((_, i) => $"@t{i}"));
            var rows = await QueryRunsAsync(
                $"SELECT {RunRow.Columns} FROM runs WHERE tid IN ({list}) AND status IN {Unfinished} ORDER BY scheduled_for",
                parameters,
                cancellationToken);
            foreach (var run in rows)
            {
                result.TryAdd(run.Tid, run);
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<long, DateTimeOffset>> LastScheduledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Tid, long Last)>(
            new CommandDefinition("SELECT tid, MAX(scheduled_for) FROM runs GROUP BY tid", cancellationToken: cancellationToken));
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
