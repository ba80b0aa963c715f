using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>run_attempts</c> row as Dapper reads it.</summary>
internal sealed class RunAttemptRow
{
    public string RunId { get; init; } = "";

    public long Attempt { get; init; }

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public long? ReturnCode { get; init; }

    public string Host { get; init; } = "";

    public long? StartedAt { get; init; }

    public long? FinishedAt { get; init; }

    public RunAttempt ToAttempt() => new(
        RunId,
        (int)Attempt,
        RunStatusText.TryParse(Status, out var status) ? status : throw new InvalidDataException($"run {RunId} attempt {Attempt} has unknown status \"{Status}\""),
        Reason,
        ReturnCode is null ? null : (int)ReturnCode.Value,
        Host,
        StartedAt is null ? null : EpochMilliseconds.ToInstant(StartedAt.Value),
        FinishedAt is null ? null : EpochMilliseconds.ToInstant(FinishedAt.Value));
}
