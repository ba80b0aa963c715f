using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// A status transition of a run, applied only when the run is still at <see cref="ExpectedVersion"/> and
/// <see cref="From"/> (a stale or redelivered message changes nothing). Null fields leave the column as it is,
/// except <see cref="NotBefore"/>: every transition sets it, so only a move into a retry's backoff carries one.
/// </summary>
internal sealed record RunChange(
    string RunId,
    long ExpectedVersion,
    RunStatus From,
    RunStatus To,
    string Actor,
    string? Detail = null,
    string? Reason = null,
    int? ReturnCode = null,
    int? Attempt = null,
    string? Host = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    DateTimeOffset? NotBefore = null);
