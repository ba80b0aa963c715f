namespace EasyTask.Contracts.Runs;

/// <summary>
/// The documented lifecycle of a run, exactly: IDLE → ACTIVE → TRIGGER → STARTED → RUNNING →
/// SUCCESS | FAILED | TERMINATED. Written in upper case everywhere users see it.
/// </summary>
public enum RunStatus
{
    /// <summary>No pending run (the task is inactive or on hold).</summary>
    Idle,

    /// <summary>The occurrence is due; dependencies and the time window are being checked.</summary>
    Active,

    /// <summary>Everything is met; the RunTask message is on its way to the agent.</summary>
    Trigger,

    /// <summary>The agent acknowledged the run.</summary>
    Started,

    /// <summary>The process is alive on the agent.</summary>
    Running,

    /// <summary>The command ended with return code 0.</summary>
    Success,

    /// <summary>The command failed, or the run could not happen (see the reason).</summary>
    Failed,

    /// <summary>The run was stopped: timed out or killed.</summary>
    Terminated,
}
