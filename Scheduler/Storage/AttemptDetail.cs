namespace EasyTask.Scheduler.Storage;

/// <summary>One attempt of a run as the monitoring API shows it: how it ended, why, and its error class.</summary>
internal sealed record AttemptDetail(
    int Attempt,
    string Status,
    string? Reason,
    string? ErrorClass,
    int? ReturnCode,
    string Host,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Detail);
