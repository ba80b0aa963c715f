using Quartz;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>What Quartz runs when an instant's trigger fires: hand the tasks due then to the engine, nothing more.</summary>
internal sealed class OccurrenceJob(SchedulerEngine engine) : IJob
{
    // The trigger's start time is the occurrence itself, even when Quartz fires it late.
    public Task Execute(IJobExecutionContext context) =>
        engine.OnFiredAsync(context.Trigger.Key, context.Trigger.StartTimeUtc, context.CancellationToken);
}
