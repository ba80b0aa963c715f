using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>run_events</c> row as Dapper reads it.</summary>
internal sealed class RunEventRow
{
    public long Id { get; init; }

    public string RunId { get; init; } = "";

    public long Attempt { get; init; }

    public long At { get; init; }

    public string Actor { get; init; } = "";

    public string? FromStatus { get; init; }

    public string ToStatus { get; init; } = "";

    public string? Detail { get; init; }

    public RunEvent ToEvent() => new(
        Id,
        RunId,
        (int)Attempt,
        EpochMilliseconds.ToInstant(At),
        Actor,
        FromStatus is not null && RunStatusText.TryParse(FromStatus, out var from) ? from : null,
        RunStatusText.TryParse(ToStatus, out var to) ? to : throw new InvalidDataException($"run {RunId} event {Id} has unknown status \"{ToStatus}\""),
        Detail);
}
