namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>run_attempts</c> row with its monitoring columns, as Dapper reads it.</summary>
internal sealed class AttemptDetailRow
{
    public const string Columns =
        "attempt AS Attempt, status AS Status, reason AS Reason, error_class AS ErrorClass, return_code AS ReturnCode, host AS Host, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, detail AS Detail";

    public long Attempt { get; init; }

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public string? ErrorClass { get; init; }

    public long? ReturnCode { get; init; }

    public string Host { get; init; } = "";

    public long? StartedAt { get; init; }

    public long? FinishedAt { get; init; }

    public string? Detail { get; init; }

    public AttemptDetail ToAttempt() => new(
        (int)Attempt, Status, Reason, ErrorClass, ReturnCode is { } rc ? (int)rc : null, Host,
        StartedAt is { } s ? EpochMilliseconds.ToInstant(s) : null,
        FinishedAt is { } f ? EpochMilliseconds.ToInstant(f) : null,
        Detail);
}
