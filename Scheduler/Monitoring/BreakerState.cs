namespace EasyTask.Scheduler.Monitoring;

/// <summary>One host's breaker as health shows it: <c>open</c> or <c>half_open</c> (closed breakers are not listed).</summary>
internal sealed record BreakerState(string Host, string State, int ConsecutiveFailures, DateTimeOffset OpenedAt, DateTimeOffset ProbeAfter, string? ProbeRunId);
