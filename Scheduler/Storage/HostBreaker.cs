namespace EasyTask.Scheduler.Storage;

/// <summary>A host's circuit breaker as stored: consecutive host-level failures, when it opened, the run probing it.</summary>
internal sealed record HostBreaker(string Host, int Failures, DateTimeOffset? OpenedAt, string? ProbeRunId, DateTimeOffset? ProbeAt);
