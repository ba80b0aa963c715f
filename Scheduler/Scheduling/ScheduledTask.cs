using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>A stored task together with its computed schedule, as the engine holds it in memory.</summary>
internal sealed record ScheduledTask(StoredTask Stored, TaskSchedule Schedule)
{
    public TaskDefinition Definition => Stored.Definition;

    public long Tid => Stored.Definition.Tid;

    public string Name => Stored.Definition.Name;

    /// <summary>True when the clock should fire it: active, not on hold, and with times of its own.</summary>
    public bool Fires(string instance) => Definition.Active && !Stored.OnHold && Schedule.HasTimes && Definition.Instance == instance;
}
