namespace EasyTask.Scheduler.Storage;

/// <summary>A raised alert with its delivery state per channel.</summary>
internal sealed record AlertRecord(
    long Id,
    string Kind,
    string Severity,
    string? RunId,
    string? TaskName,
    string? Host,
    string Message,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AlertDelivery> Deliveries);
