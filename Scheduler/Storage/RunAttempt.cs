using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>How one attempt of a run ended; a run with retries has one row per attempt.</summary>
internal sealed record RunAttempt(
    string RunId,
    int Attempt,
    RunStatus Status,
    string? Reason,
    int? ReturnCode,
    string Host,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
