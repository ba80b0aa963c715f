namespace EasyTask.Contracts.Messages;

/// <summary>Event from an agent: the attempt ended. Journaled until delivered, so a broker outage loses no result.</summary>
public sealed record RunFinished
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The attempt that ended.</summary>
    public required int Attempt { get; init; }

    /// <summary>The agent that ran it.</summary>
    public required string Host { get; init; }

    /// <summary><c>SUCCESS</c>, <c>FAILED</c> or <c>TERMINATED</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>exit_code</c>, <c>timed_out</c>, <c>killed</c>, or another reason from RunReason.</summary>
    public required string Reason { get; init; }

    /// <summary>The process's return code, when it exited by itself or was killed (signal → 128 + n on Linux).</summary>
    public int? ReturnCode { get; init; }

    /// <summary>When the process started; null when it never started (e.g. owner not allowed).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Why, in words, when the reason alone does not say (e.g. "task_owner 'root' is not allowed on this agent").</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// With reason <c>dispatch_failed</c> from an agent: why the process was not started, one of
    /// <see cref="Runs.NotStartedCause"/>; null otherwise (and from agents older than this field).
    /// </summary>
    public string? Cause { get; init; }

    /// <summary>
    /// The attempt's start report, when the scheduler reads folded reports (<see cref="RunTask.FoldReports"/>) and the
    /// process started: the scheduler records STARTED and RUNNING from it if it has not yet, so a short run whose
    /// earlier reports the agent folded into this one keeps its whole timeline. Null otherwise.
    /// </summary>
    public RunStarted? Start { get; init; }
}
