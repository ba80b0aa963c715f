using System.Data;
using System.Data.Common;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Alerts over Dapper. The unique <c>alert_key</c> makes raising the same alert twice a no-op.</summary>
internal sealed class AlertStore(IDbConnectionFactory connections, TimeProvider time) : IAlertStore
{
    private static readonly string[] AlertColumns = ["alert_key", "kind", "severity", "run_id", "task_name", "host", "message", "created_at"];

    private const string DeliverySql =
        "INSERT INTO alert_deliveries (alert_id, channel, status, attempts, next_at) VALUES (@alertId, @channel, 'pending', 0, @nextAt)";

    /// <summary>Deliveries of <paramref name="count"/> alerts, parameters <c>@id0</c>…</summary>
    internal static string DeliveriesOfSql(int count) =>
        $"SELECT {AlertDeliveryRow.Columns} FROM alert_deliveries WHERE alert_id IN ({SqlLists.NumberedParameters("id", count)}) ORDER BY channel";

    private const string FindSql = "SELECT " + AlertRow.Columns + " FROM alerts WHERE id = @id";

    private const string ClaimSql =
        "UPDATE alert_deliveries SET claimed_until = @until WHERE alert_id = @alertId AND channel = @channel AND status = 'pending' " +
        "AND next_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)";

    private const string DeliveredSql =
        "UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = @at, last_error = NULL, claimed_until = NULL " +
        "WHERE alert_id = @alertId AND channel = @channel";

    private const string FailedSql =
        "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = @error, next_at = @nextAt, claimed_until = NULL " +
        "WHERE alert_id = @alertId AND channel = @channel";

    public async Task<AlertRecord?> RaiseAsync(NewAlert alert, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(channels);
        var now = EpochMilliseconds.Now(time);
        var parameters = new DynamicParameters();
        parameters.Add("alert_key", alert.Key, DbType.String);
        parameters.Add("kind", alert.Kind, DbType.String);
        parameters.Add("severity", alert.Severity, DbType.String);
        parameters.Add("run_id", alert.RunId, DbType.String);
        parameters.Add("task_name", alert.TaskName, DbType.String);
        parameters.Add("host", alert.Host, DbType.String);
        parameters.Add("message", alert.Message, DbType.String);
        parameters.Add("created_at", now, DbType.Int64);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                connections.Dialect.InsertReturningId("alerts", AlertColumns, "id"), parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (connections.Dialect.IsUniqueViolation(ex))
        {
            return null;
        }

        foreach (var channel in channels.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(DeliverySql, new { alertId = id, channel, nextAt = now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        var deliveries = channels.Distinct(StringComparer.Ordinal)
            .Select(c => new AlertDelivery(c, "pending", 0, null, EpochMilliseconds.ToInstant(now), null)).ToList();
        return new AlertRecord(id, alert.Kind, alert.Severity, alert.RunId, alert.TaskName, alert.Host, alert.Message, EpochMilliseconds.ToInstant(now), deliveries);
    }

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {AlertRow.Columns} FROM alerts WHERE created_at >= @since ORDER BY id DESC {connections.Dialect.Page("offset", "limit")}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AlertRow>(new CommandDefinition(
            sql, new { since = since is { } s ? EpochMilliseconds.From(s) : 0L, offset = 0, limit = Math.Clamp(limit, 1, 10_000) }, cancellationToken: cancellationToken))).ToList();
        return await WithDeliveriesAsync(connection, rows, cancellationToken);
    }

    public async Task<IReadOnlyList<(AlertRecord Alert, AlertDelivery Delivery)>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset claimUntil, int limit, CancellationToken cancellationToken)
    {
        var nowMs = EpochMilliseconds.From(now);
        var sql = $"SELECT {AlertDeliveryRow.Columns} FROM alert_deliveries WHERE status = 'pending' AND next_at <= @now " +
            $"AND (claimed_until IS NULL OR claimed_until < @now) ORDER BY next_at {connections.Dialect.Page("offset", "limit")}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<AlertDeliveryRow>(new CommandDefinition(sql, new { now = nowMs, offset = 0, limit }, cancellationToken: cancellationToken))).ToList();
        var claimed = new List<(AlertRecord, AlertDelivery)>();
        foreach (var row in due)
        {
            var won = await connection.ExecuteAsync(new CommandDefinition(
                ClaimSql, new { until = EpochMilliseconds.From(claimUntil), alertId = row.AlertId, channel = row.Channel, now = nowMs }, cancellationToken: cancellationToken));
            if (won == 0)
            {
                continue;
            }

            var alert = await connection.QuerySingleAsync<AlertRow>(new CommandDefinition(FindSql, new { id = row.AlertId }, cancellationToken: cancellationToken));
            claimed.Add((alert.ToAlert([]), row.ToDelivery()));
        }

        return claimed;
    }

    public async Task DeliveredAsync(long alertId, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeliveredSql, new { alertId, channel, at = EpochMilliseconds.Now(time) }, cancellationToken: cancellationToken));
    }

    public async Task FailedAsync(long alertId, string channel, string error, DateTimeOffset nextAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            FailedSql, new { alertId, channel, error, nextAt = EpochMilliseconds.From(nextAt) }, cancellationToken: cancellationToken));
    }

    private static async Task<IReadOnlyList<AlertRecord>> WithDeliveriesAsync(DbConnection connection, List<AlertRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters();
        for (var i = 0; i < rows.Count; i++)
        {
            parameters.Add($"id{i}", rows[i].Id, DbType.Int64);
        }

        var deliveries = (await connection.QueryAsync<AlertDeliveryRow>(new CommandDefinition(DeliveriesOfSql(rows.Count), parameters, cancellationToken: cancellationToken)))
            .ToLookup(d => d.AlertId);
        return rows.Select(r => r.ToAlert(deliveries[r.Id].Select(d => d.ToDelivery()).ToList())).ToList();
    }
}
