namespace EasyTask.Scheduler.Storage;

/// <summary>Alerts and their delivery per channel. Raising is idempotent on the alert's key, across schedulers and restarts.</summary>
internal interface IAlertStore
{
    /// <summary>Records the alert with one pending delivery per channel; null when an alert with that key exists already.</summary>
    Task<AlertRecord?> RaiseAsync(NewAlert alert, IReadOnlyList<string> channels, CancellationToken cancellationToken);

    /// <summary>Alerts, newest first, with their deliveries.</summary>
    Task<IReadOnlyList<AlertRecord>> ListAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken);

    /// <summary>Pending deliveries that are due, each claimed for this caller until <paramref name="claimUntil"/> so another scheduler does not send it too.</summary>
    Task<IReadOnlyList<(AlertRecord Alert, AlertDelivery Delivery)>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset claimUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the delivery done.</summary>
    Task DeliveredAsync(long alertId, string channel, CancellationToken cancellationToken);

    /// <summary>Records a failed try; the delivery stays pending until <paramref name="nextAt"/>.</summary>
    Task FailedAsync(long alertId, string channel, string error, DateTimeOffset nextAt, CancellationToken cancellationToken);
}
