namespace EasyTask.Contracts.Runs;

/// <summary>Why a run ended the way it did.</summary>
public static class RunReason
{
    /// <summary>The command's return code decided (0 → SUCCESS, otherwise FAILED).</summary>
    public const string ExitCode = "exit_code";

    /// <summary>max_run_time passed; the process tree was killed.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>An operator killed the run.</summary>
    public const string Killed = "killed";

    /// <summary>The agent stopped heartbeating while the run was on it.</summary>
    public const string AgentLost = "agent_lost";

    /// <summary>An upstream ended in a state that can no longer satisfy a dependency.</summary>
    public const string DependencyFailed = "dependency_failed";

    /// <summary>The occurrence passed while the scheduler was down, beyond misfire_grace.</summary>
    public const string Missed = "missed";

    /// <summary>The run could not be handed to an agent.</summary>
    public const string DispatchFailed = "dispatch_failed";

    /// <summary>
    /// The agent (or standalone) was stopped on purpose while the run was in flight: its process tree was terminated.
    /// TERMINATED, and not retried: a planned stop is not a failure of the task.
    /// </summary>
    public const string Shutdown = "shutdown";

    /// <summary>The previous run was still going and the task's concurrency is <c>skip</c>.</summary>
    public const string Skipped = "skipped";
}
