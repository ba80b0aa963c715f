namespace EasyTask.Scheduler.Storage;

/// <summary>An entry of the failed-runs list (the dead-letter list): a run whose recovery is exhausted, with its context.</summary>
internal sealed record FailedRun(
    string RunId,
    long Tid,
    string TaskName,
    string Host,
    string Status,
    string? Reason,
    string? ErrorClass,
    int? ReturnCode,
    int Attempts,
    string? Detail,
    DateTimeOffset FailedAt,
    DateTimeOffset? DismissedAt = null,
    string? DismissedBy = null);
