using Quartz;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Quartz as the clock: one durable job per firing task and one single-shot trigger at its next
/// occurrence. When it fires, the next trigger is armed from <see cref="TaskSchedule"/>, so Quartz
/// never computes times itself and the schedule stays one piece of code.
/// </summary>
internal sealed class QuartzClock(IServiceProvider services, ILoggerFactory loggers) : IDisposable
{
    public const string TidKey = "tid";
    public const string ScheduledForKey = "scheduled_for";

    private ISchedulerFactory? factory;

    // One arm/disarm at a time: a re-arm after a fire must not race a definition change into two triggers.
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task ArmAsync(IEnumerable<(long Tid, Occurrence Next)> arms, CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        var batch = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        foreach (var (tid, next) in arms)
        {
            var job = JobBuilder.Create<OccurrenceJob>().WithIdentity(JobKeyOf(tid)).UsingJobData(TidKey, tid).StoreDurably().Build();
            batch[job] = [TriggerFor(tid, next)];
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await scheduler.ScheduleJobs(batch, replace: true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Arms the occurrence after a fire, unless the task was disarmed meanwhile.</summary>
    public async Task RearmAsync(long tid, Occurrence next, CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await scheduler.CheckExists(JobKeyOf(tid), cancellationToken))
            {
                await scheduler.ScheduleJob(TriggerFor(tid, next), cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task DisarmAsync(long tid, CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await scheduler.DeleteJob(JobKeyOf(tid), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The instant the task's next trigger is armed for, or null when it is not armed.</summary>
    public async Task<DateTimeOffset?> ArmedForAsync(long tid, CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        var triggers = await scheduler.GetTriggersOfJob(JobKeyOf(tid), cancellationToken);
        return triggers.Select(t => t.GetNextFireTimeUtc()).Where(t => t is not null).Min();
    }

    private Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken)
    {
        if (factory is null)
        {
            QuartzLogBinding.Bind(loggers);
            factory = services.GetRequiredService<ISchedulerFactory>();
        }

        return factory.GetScheduler(cancellationToken);
    }

    private static JobKey JobKeyOf(long tid) => new(tid.ToString(System.Globalization.CultureInfo.InvariantCulture), "tasks");

    private static ITrigger TriggerFor(long tid, Occurrence next)
    {
        var ms = next.Utc.ToUnixTimeMilliseconds();
        return TriggerBuilder.Create()
            .WithIdentity($"{tid}@{ms}", "occurrences")
            .ForJob(JobKeyOf(tid))
            .UsingJobData(ScheduledForKey, ms)
            .StartAt(next.Utc)
            // Late fires (a paused process, a busy pool) still fire: the run is keyed on the intended time, not the fire time.
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
    }

    public void Dispose() => gate.Dispose();
}
