using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// A run to create. (<see cref="Tid"/>, <see cref="ScheduledFor"/>) is the idempotent key: creating the same
/// occurrence twice yields the existing run. A <see cref="Manual"/> run (force-start) has no such key: every
/// request creates its own run. Most runs start ACTIVE; a missed or skipped occurrence is
/// created directly in its final status with a <see cref="Reason"/>.
/// </summary>
internal sealed record NewRun(
    long Tid,
    string TaskName,
    DateTimeOffset ScheduledFor,
    string Host,
    bool Adhoc = false,
    RunStatus Status = RunStatus.Active,
    string? Reason = null,
    string? Detail = null,
    bool Manual = false);
