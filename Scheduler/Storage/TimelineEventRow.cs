using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>run_events</c> row with its monitoring columns, as Dapper reads it.</summary>
internal sealed class TimelineEventRow
{
    public const string Columns =
        "e.id AS Id, e.run_id AS RunId, e.attempt AS Attempt, e.at AS At, e.actor AS Actor, e.from_status AS FromStatus, " +
        "e.to_status AS ToStatus, e.detail AS Detail, e.event_type AS EventType, e.severity AS Severity";

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

    /// <summary>Status moves carry no type in the database: the first is the run's creation, the others are moves.</summary>
    public TimelineEvent ToEvent()
    {
        var move = EventType is null;
        var type = EventType ?? (FromStatus is null ? "run_created" : "status_changed");
        var severity = Severity ?? (move && ToStatus is "FAILED" or "TERMINATED" && FromStatus is not null ? "warning" : "info");
        return new TimelineEvent(
            Id, RunId, (int)Attempt, EpochMilliseconds.ToInstant(At), type, severity,
            move ? FromStatus : null, move ? ToStatus : null, Actor, Detail);
    }

    /// <summary>The status move this row records, or null for a typed event.</summary>
    public RunEvent? ToMove() =>
        EventType is null && RunStatusText.TryParse(ToStatus, out var to)
            ? new RunEvent(Id, RunId, (int)Attempt, EpochMilliseconds.ToInstant(At), Actor, FromStatus is not null && RunStatusText.TryParse(FromStatus, out var from) ? from : null, to, Detail)
            : null;
}
