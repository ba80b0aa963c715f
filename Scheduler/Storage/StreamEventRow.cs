namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>run_events</c> row joined with its run, for the live stream.</summary>
internal sealed class StreamEventRow
{
    public long Id { get; init; }

    public string RunId { get; init; } = "";

    public long Attempt { get; init; }

    public long At { get; init; }

    public string Actor { get; init; } = "";

    public string? FromStatus { get; init; }

    public string ToStatus { get; init; } = "";

    public string? Detail { get; init; }

    public string? EventType { get; init; }

    public string? Severity { get; init; }

    public string TaskName { get; init; } = "";

    public string Host { get; init; } = "";

    public string RunStatus { get; init; } = "";

    public TimelineEvent ToEvent() => new TimelineEventRow
    {
        Id = Id, RunId = RunId, Attempt = Attempt, At = At, Actor = Actor, FromStatus = FromStatus, ToStatus = ToStatus,
        Detail = Detail, EventType = EventType, Severity = Severity,
    }.ToEvent();
}
