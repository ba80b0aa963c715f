namespace EasyTask.Contracts.Runs;

/// <summary>
/// Why an agent could not start a run's process (<see cref="Messages.RunFinished.Cause"/>, with reason
/// <c>dispatch_failed</c>). The scheduler classifies the failure from this, never from the detail's words.
/// </summary>
public static class NotStartedCause
{
    /// <summary>The task's <c>task_owner</c> is not allowed on the agent (a policy: not retried).</summary>
    public const string OwnerNotAllowed = "owner_not_allowed";

    /// <summary>The task's <c>stdout</c>/<c>stderr</c> path leaves the agent's log directory (a definition error: not retried).</summary>
    public const string OutputPathRefused = "output_path_refused";

    /// <summary>The output files could not be opened on the agent (its disk or permissions: not retried, counts against the host).</summary>
    public const string OutputUnavailable = "output_unavailable";

    /// <summary>The working directory does not exist on the agent (not retried, counts against the host).</summary>
    public const string WorkingDirMissing = "working_dir_missing";

    /// <summary>The task's <c>max_run_time</c> is more than the agent can enforce (a definition error: not retried).</summary>
    public const string LimitUnenforceable = "limit_unenforceable";

    /// <summary>The operating system would not start the shell (retried, counts against the host).</summary>
    public const string SpawnFailed = "spawn_failed";
}
