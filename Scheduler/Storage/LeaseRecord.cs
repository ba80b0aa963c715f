namespace EasyTask.Scheduler.Storage;

/// <summary>The leader lease as the database holds it; <see cref="Holder"/> is null when nobody leads.</summary>
internal sealed record LeaseRecord(string? Holder, long Epoch, DateTimeOffset AcquiredAt, DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt);
