namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>host_breakers</c> row as Dapper reads it.</summary>
internal sealed class HostBreakerRow
{
    public string Host { get; init; } = "";

    public long Failures { get; init; }

    public long? OpenedAt { get; init; }

    public string? ProbeRunId { get; init; }

    public long? ProbeAt { get; init; }
}
