namespace EasyTask.Scheduler.Runs;

/// <summary>Settings of dispatch to agents (configuration section <c>EasyTask:Dispatch</c>).</summary>
internal sealed class DispatchOptions
{
    public const string Section = "EasyTask:Dispatch";

    /// <summary>How long a run may stay in TRIGGER before RunTask is sent again. Default 10 s.</summary>
    public TimeSpan AcknowledgeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an agent may stay silent before its runs end FAILED with reason agent_lost. Default 30 s.</summary>
    public TimeSpan AgentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often runs in TRIGGER, STARTED and RUNNING are checked. Default 2 s.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many runs an agent is sent beyond its free slots, so it can start the next one without waiting for the
    /// scheduler. A run of higher priority that arrives later starts after at most this many already sent. Default 2;
    /// 0 makes priority exact.
    /// </summary>
    public int Prefetch { get; set; } = 2;
}
