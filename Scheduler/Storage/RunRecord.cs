using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// A run as the database holds it: the current projection of its event timeline. <see cref="NotBefore"/> is set
/// while a retry waits out its backoff: the run stays ACTIVE and may not move before that instant.
/// </summary>
internal sealed record RunRecord(
    string RunId,
    long Tid,
    string TaskName,
    DateTimeOffset ScheduledFor,
    RunStatus Status,
    string? Reason,
    int Attempt,
    int? ReturnCode,
    string Host,
    bool Adhoc,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long Version,
    DateTimeOffset? NotBefore = null);
