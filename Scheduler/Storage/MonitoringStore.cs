using System.Data;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Monitoring's reads and writes over Dapper; SQL written once for the three providers.</summary>
internal sealed partial class MonitoringStore(IDbConnectionFactory connections, TimeProvider time, RunEventSignal? signal = null) : IMonitoringStore
{
    private const string AppendSql =
        "INSERT INTO run_events (run_id, attempt, at, actor, from_status, to_status, detail, event_type, severity) " +
        "VALUES (@runId, @attempt, @at, @actor, NULL, @status, @detail, @type, @severity)";

    private const string TimelineSql = "SELECT " + TimelineEventRow.Columns + " FROM run_events e WHERE e.run_id = @runId ORDER BY e.id";

    private const string AttemptsSql = "SELECT " + AttemptDetailRow.Columns + " FROM run_attempts WHERE run_id = @runId ORDER BY attempt";

    private const string ClassifySql = "UPDATE run_attempts SET error_class = @errorClass, detail = @detail WHERE run_id = @runId AND attempt = @attempt";

    public Task AppendAsync(NewTimelineEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parameters = new DynamicParameters();
        parameters.Add("runId", entry.RunId, DbType.String);
        parameters.Add("attempt", entry.Attempt, DbType.Int32);
        parameters.Add("at", EpochMilliseconds.Now(time), DbType.Int64);
        parameters.Add("actor", entry.Actor, DbType.String);
        parameters.Add("status", entry.Status, DbType.String);
        parameters.Add("detail", entry.Detail, DbType.String);
        parameters.Add("type", entry.Type, DbType.String);
        parameters.Add("severity", entry.Severity, DbType.String);
        return WriteAsync(new MonitoringCommand(entry.RunId, AppendSql, parameters, Timeline: true), cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEvent>> TimelineAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimelineEventRow>(new CommandDefinition(TimelineSql, new { runId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<IReadOnlyList<AttemptDetail>> AttemptsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptDetailRow>(new CommandDefinition(AttemptsSql, new { runId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAttempt()).ToList();
    }

    public Task ClassifyAttemptAsync(string runId, int attempt, string errorClass, string? detail, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("runId", runId, DbType.String);
        parameters.Add("attempt", attempt, DbType.Int32);
        parameters.Add("errorClass", errorClass, DbType.String);
        parameters.Add("detail", detail, DbType.String);
        return WriteAsync(new MonitoringCommand(runId, ClassifySql, parameters, Timeline: false), cancellationToken);
    }
}
