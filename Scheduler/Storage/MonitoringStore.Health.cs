using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class MonitoringStore
{
    private const string QueueSql = "SELECT host AS \"Key\", COUNT(*) AS \"Count\" FROM runs WHERE status IN ('ACTIVE', 'TRIGGER') GROUP BY host";

    private const string StatusSinceSql = "SELECT status AS \"Key\", COUNT(*) AS \"Count\" FROM runs WHERE created_at >= @since GROUP BY status";

    private const string FailedSizeSql = "SELECT COUNT(*) FROM failed_runs WHERE dismissed_at IS NULL";

    private const string UndeliveredSql = "SELECT COUNT(*) FROM alert_deliveries WHERE status <> 'delivered'";

    // Enough durations for an honest p95 without reading a busy day's every run.
    private const int DurationSample = 10_000;

    internal static string DurationsSql(ISqlDialect dialect) =>
        "SELECT finished_at - started_at FROM runs WHERE finished_at >= @since AND started_at IS NOT NULL " +
        $"AND status IN ('SUCCESS', 'FAILED', 'TERMINATED') ORDER BY finished_at DESC {dialect.Page("offset", "limit")}";

    public async Task<HealthFigures> HealthAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var hour = EpochMilliseconds.From(now.AddHours(-1));
        var day = EpochMilliseconds.From(now.AddDays(-1));
        var queue = await connection.QueryAsync<KeyCountRow>(new CommandDefinition(QueueSql, cancellationToken: cancellationToken));
        var lastHour = await connection.QueryAsync<KeyCountRow>(new CommandDefinition(StatusSinceSql, new { since = hour }, cancellationToken: cancellationToken));
        var lastDay = await connection.QueryAsync<KeyCountRow>(new CommandDefinition(StatusSinceSql, new { since = day }, cancellationToken: cancellationToken));
        var durations = await connection.QueryAsync<long>(new CommandDefinition(
            DurationsSql(connections.Dialect), new { since = day, offset = 0, limit = DurationSample }, cancellationToken: cancellationToken));
        var failed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FailedSizeSql, cancellationToken: cancellationToken));
        var undelivered = await connection.ExecuteScalarAsync<long>(new CommandDefinition(UndeliveredSql, cancellationToken: cancellationToken));
        return new HealthFigures(ToMap(queue), ToMap(lastHour), ToMap(lastDay), durations.ToList(), (int)failed, (int)undelivered);
    }

    private static Dictionary<string, int> ToMap(IEnumerable<KeyCountRow> rows) =>
        rows.ToDictionary(r => r.Key, r => (int)r.Count, StringComparer.Ordinal);
}
