namespace EasyTask.Scheduler.Storage;

/// <summary>An <c>alert_deliveries</c> row as Dapper reads it.</summary>
internal sealed class AlertDeliveryRow
{
    public const string Columns =
        "alert_id AS AlertId, channel AS Channel, status AS Status, attempts AS Attempts, last_error AS LastError, next_at AS NextAt, delivered_at AS DeliveredAt";

    public long AlertId { get; init; }

    public string Channel { get; init; } = "";

    public string Status { get; init; } = "";

    public long Attempts { get; init; }

    public string? LastError { get; init; }

    public long NextAt { get; init; }

    public long? DeliveredAt { get; init; }

    public AlertDelivery ToDelivery() => new(
        Channel, Status, (int)Attempts, LastError, EpochMilliseconds.ToInstant(NextAt), DeliveredAt is { } d ? EpochMilliseconds.ToInstant(d) : null);
}
