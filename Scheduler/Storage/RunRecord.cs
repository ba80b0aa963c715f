using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A run as the database holds it: the current projection of its event timeline.</summary>
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
    long Version);
