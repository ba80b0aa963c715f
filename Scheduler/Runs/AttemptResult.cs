using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// How an attempt ended, whoever reports it (the agent, or the scheduler when the agent is lost). <see cref="Cause"/>
/// is the agent's structured reason a process was not started (<see cref="NotStartedCause"/>), when it says one.
/// </summary>
internal sealed record AttemptResult(
    RunStatus Status,
    string Reason,
    int? ReturnCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset FinishedAt,
    string? Detail,
    string? Cause = null);
