using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>runs</c> row as Dapper reads it; numbers widened to long so every provider's integer types fit.</summary>
internal sealed class RunRow
{
    public const string Columns =
        "run_id AS RunId, tid AS Tid, task_name AS TaskName, scheduled_for AS ScheduledFor, status AS Status, reason AS Reason, " +
        "attempt AS Attempt, return_code AS ReturnCode, host AS Host, adhoc AS Adhoc, created_at AS CreatedAt, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, version AS Version, not_before AS NotBefore";

    public string RunId { get; init; } = "";

    public long Tid { get; init; }

    public string TaskName { get; init; } = "";

    public long ScheduledFor { get; init; }

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public long Attempt { get; init; }

    public long? ReturnCode { get; init; }

    public string Host { get; init; } = "";

    public long Adhoc { get; init; }

    public long CreatedAt { get; init; }

    public long? StartedAt { get; init; }

    public long? FinishedAt { get; init; }

    public long Version { get; init; }

    public long? NotBefore { get; init; }

    public RunRecord ToRecord() => new(
        RunId,
        Tid,
        TaskName,
        EpochMilliseconds.ToInstant(ScheduledFor),
        RunStatusText.TryParse(Status, out var status) ? status : throw new InvalidDataException($"run {RunId} has unknown status \"{Status}\""),
        Reason,
        (int)Attempt,
        ReturnCode is null ? null : (int)ReturnCode.Value,
        Host,
        Adhoc != 0,
        EpochMilliseconds.ToInstant(CreatedAt),
        StartedAt is null ? null : EpochMilliseconds.ToInstant(StartedAt.Value),
        FinishedAt is null ? null : EpochMilliseconds.ToInstant(FinishedAt.Value),
        Version,
        NotBefore is null ? null : EpochMilliseconds.ToInstant(NotBefore.Value));
}
