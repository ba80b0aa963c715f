using Quartz;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>What Quartz runs when an instant's trigger fires: hand the tasks due then to the engine, nothing more.</summary>
internal sealed class OccurrenceJob(SchedulerEngine engine) : IJob
{
    // The occurrence is the instant the trigger carries, whether Quartz fires it its lead early or late.
    public Task Execute(IJobExecutionContext context) =>
        engine.OnFiredAsync(context.Trigger.Key, QuartzClock.InstantOf(context.Trigger), context.CancellationToken);
}
