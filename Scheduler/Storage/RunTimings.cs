using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Reads run times in bulk for benchmarks (one query, not one per run).</summary>
internal sealed class RunTimings(IDbConnectionFactory connections)
{
    private const string Sql =
        "SELECT r.tid AS Tid, r.created_at AS CreatedAt, r.scheduled_for AS ScheduledFor, r.started_at AS StartedAt, r.finished_at AS FinishedAt, r.status AS Status, r.reason AS Reason, " +
        "(SELECT MAX(e.at) FROM run_events e WHERE e.run_id = r.run_id) AS RecordedAt " +
        "FROM runs r WHERE r.tid >= @fromTid AND r.tid < @toTid AND r.scheduled_for >= @since AND r.scheduled_for < @until";

    public async Task<IReadOnlyList<RunTiming>> ListAsync(long fromTid, long toTid, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { fromTid, toTid, since = EpochMilliseconds.From(since), until = EpochMilliseconds.From(until) };
        var rows = await connection.QueryAsync<(long Tid, long CreatedAt, long ScheduledFor, long? StartedAt, long? FinishedAt, string Status, string? Reason, long? RecordedAt)>(
            new CommandDefinition(Sql, parameters, commandTimeout: 600, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RunTiming(r.Tid, r.CreatedAt, r.ScheduledFor, r.StartedAt, r.FinishedAt, r.Status, r.Reason, r.RecordedAt))];
    }
}
