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

    /// <summary>Largest batch of due occurrences written in one transaction. Default 1000.</summary>
    public int RunCreationBatch { get; set; } = 1000;
}
