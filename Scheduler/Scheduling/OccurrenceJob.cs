using Quartz;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>What Quartz runs when a task's trigger fires: hand the occurrence to the engine, nothing more.</summary>
[DisallowConcurrentExecution]
internal sealed class OccurrenceJob(SchedulerEngine engine) : IJob
{
    public Task Execute(IJobExecutionContext context)
    {
        var tid = context.MergedJobDataMap.GetLong(QuartzClock.TidKey);
        var scheduledFor = DateTimeOffset.FromUnixTimeMilliseconds(context.Trigger.JobDataMap.GetLong(QuartzClock.ScheduledForKey));
        return engine.OnFiredAsync(tid, scheduledFor, context.CancellationToken);
    }
}
