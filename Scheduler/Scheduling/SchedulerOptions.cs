namespace EasyTask.Scheduler.Scheduling;

/// <summary>Settings of the scheduling engine (configuration section <c>EasyTask:Scheduler</c>).</summary>
internal sealed class SchedulerOptions
{
    public const string Section = "EasyTask:Scheduler";

    /// <summary>The scheduler instance this process is; it fires only tasks whose <c>instance</c> matches. Default <c>default</c>.</summary>
    public string Instance { get; set; } = Contracts.Definitions.TaskDefaults.Instance;

    /// <summary>How often runs waiting in ACTIVE for dependencies are re-checked even without news. Default 5 s.</summary>
    public TimeSpan DependencyRecheck { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most missed occurrences recorded per task after an outage; older ones are summarised in one event. Default 100.</summary>
    public int MaxMissedRecordedPerTask { get; set; } = 100;

    /// <summary>
    /// How long before an occurrence's instant the clock fires it: the run is created, checked and sent to its agent
    /// ahead, and the agent starts the process at the instant (<c>RunTask.StartAt</c>), so the start is not a whole
    /// pipeline late. A skip decision that would have to be made early is made at the instant instead. Zero fires at
    /// the instant. Default 100 ms.
    /// </summary>
    public TimeSpan DispatchLead { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest batch of due occurrences written in one transaction. Default 1000.</summary>
    public int RunCreationBatch { get; set; } = 1000;
}
