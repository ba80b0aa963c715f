namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>failed_runs</c> row as Dapper reads it.</summary>
internal sealed class FailedRunRow
{
    public const string Columns =
        "run_id AS RunId, tid AS Tid, task_name AS TaskName, host AS Host, status AS Status, reason AS Reason, error_class AS ErrorClass, " +
        "return_code AS ReturnCode, attempts AS Attempts, detail AS Detail, failed_at AS FailedAt, dismissed_at AS DismissedAt, dismissed_by AS DismissedBy";

    public string RunId { get; init; } = "";

    public long Tid { get; init; }

    public string TaskName { get; init; } = "";

    public string Host { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public string? ErrorClass { get; init; }

    public long? ReturnCode { get; init; }

    public long Attempts { get; init; }

    public string? Detail { get; init; }

    public long FailedAt { get; init; }

    public long? DismissedAt { get; init; }

    public string? DismissedBy { get; init; }

    public FailedRun ToFailedRun() => new(
        RunId, Tid, TaskName, Host, Status, Reason, ErrorClass, ReturnCode is { } rc ? (int)rc : null, (int)Attempts, Detail,
        EpochMilliseconds.ToInstant(FailedAt), DismissedAt is { } d ? EpochMilliseconds.ToInstant(d) : null, DismissedBy);
}
