namespace EasyTask.Scheduler.Storage;

/// <summary>How far one alert got on one channel: <c>pending</c> (to be tried at <see cref="NextAt"/>) or <c>delivered</c>.</summary>
internal sealed record AlertDelivery(string Channel, string Status, int Attempts, string? LastError, DateTimeOffset NextAt, DateTimeOffset? DeliveredAt);
