using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Quartz as the clock, with one trigger per distinct due instant rather than per task: each armed task
/// sits in the bucket of its next occurrence, and when the instant's trigger fires the whole bucket is
/// handed over at once. A thousand tasks due in the same second cost one fire, and 100,000 armed tasks
/// cost as many triggers as there are distinct next instants. The next occurrence always comes from
/// <see cref="TaskSchedule"/>; Quartz never computes times itself. A trigger fires <see cref="SchedulerOptions.DispatchLead"/>
/// before its instant and carries the instant (<see cref="InstantKey"/>): the runs are made and sent ahead, and the
/// agents start them at the instant.
/// </summary>
internal sealed class QuartzClock(IServiceProvider services, ILoggerFactory loggers) : IDisposable
{
    private static readonly JobKey OccurrenceJob = new("occurrence", "easytask");

    /// <summary>The trigger's data entry holding the instant it stands for (Unix milliseconds); it fires a lead before.</summary>
    public const string InstantKey = "instant";

    private readonly TimeSpan lead = services.GetService<IOptions<SchedulerOptions>>()?.Value.DispatchLead ?? TimeSpan.Zero;

    private readonly Dictionary<long, DateTimeOffset> armedAt = [];
    private readonly Dictionary<DateTimeOffset, Bucket> buckets = [];

    // Bucket bookkeeping and the Quartz calls it implies happen one at a time.
    private readonly SemaphoreSlim gate = new(1, 1);
    private ISchedulerFactory? factory;
    private long sequence;

    /// <summary>Arms each task at its next occurrence, replacing whatever it was armed at before.</summary>
    public async Task ArmAsync(IEnumerable<(long Tid, Occurrence Next)> arms, CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var emptied = new List<TriggerKey>();
            var created = new List<ITrigger>();
            foreach (var (tid, next) in arms)
            {
                RemoveLocked(tid, emptied);
                AddLocked(tid, next.Utc, created);
            }

            await ApplyAsync(scheduler, emptied, created, cancellationToken);
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
            var emptied = new List<TriggerKey>();
            RemoveLocked(tid, emptied);
            await ApplyAsync(scheduler, emptied, [], cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Disarms every task (this scheduler no longer leads).</summary>
    public async Task DisarmAllAsync(CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var emptied = new List<TriggerKey>();
            foreach (var tid in armedAt.Keys.ToList())
            {
                RemoveLocked(tid, emptied);
            }

            await ApplyAsync(scheduler, emptied, [], cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Called when an instant's trigger fires: the tasks armed for it, now no longer armed.</summary>
    public async Task<IReadOnlyList<long>> TakeDueAsync(TriggerKey fired, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!buckets.TryGetValue(instant, out var bucket) || !bucket.Trigger.Equals(fired))
            {
                return [];
            }

            buckets.Remove(instant);
            foreach (var tid in bucket.Tids)
            {
                armedAt.Remove(tid);
            }

            return [.. bucket.Tids];
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The instant the task is armed for, or null when it is not armed.</summary>
    public async Task<DateTimeOffset?> ArmedForAsync(long tid, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return armedAt.TryGetValue(tid, out var at) ? at : null;
        }
        finally
        {
            gate.Release();
        }
    }

    private void RemoveLocked(long tid, List<TriggerKey> emptied)
    {
        if (armedAt.Remove(tid, out var at) && buckets.TryGetValue(at, out var bucket) && bucket.Tids.Remove(tid) && bucket.Tids.Count == 0)
        {
            buckets.Remove(at);
            emptied.Add(bucket.Trigger);
        }
    }

    private void AddLocked(long tid, DateTimeOffset at, List<ITrigger> created)
    {
        if (!buckets.TryGetValue(at, out var bucket))
        {
            var trigger = TriggerFor(at);
            bucket = new Bucket(trigger.Key, []);
            buckets[at] = bucket;
            created.Add(trigger);
        }

        bucket.Tids.Add(tid);
        armedAt[tid] = at;
    }

    private static async Task ApplyAsync(IScheduler scheduler, List<TriggerKey> emptied, List<ITrigger> created, CancellationToken cancellationToken)
    {
        if (emptied.Count > 0)
        {
            await scheduler.UnscheduleJobs(emptied, cancellationToken);
        }

        foreach (var trigger in created)
        {
            await scheduler.ScheduleJob(trigger, cancellationToken);
        }
    }

    /// <summary>The instant a fired trigger stands for (its start time, for a trigger armed without a lead).</summary>
    public static DateTimeOffset InstantOf(ITrigger trigger) =>
        trigger.JobDataMap.TryGetValue(InstantKey, out var value) && value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : trigger.StartTimeUtc;

    private ITrigger TriggerFor(DateTimeOffset at)
    {
        // A sequence number keeps keys unique when an instant is re-armed while its previous trigger still runs.
        var name = string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeMilliseconds()}#{Interlocked.Increment(ref sequence)}");
        return TriggerBuilder.Create()
            .WithIdentity(name, "instants")
            .ForJob(OccurrenceJob)
            .UsingJobData(InstantKey, at.ToUnixTimeMilliseconds())
            .StartAt(lead > TimeSpan.Zero ? at - lead : at)
            // Late fires (a paused process, a busy pool) still fire: runs are keyed on the intended time, not the fire time.
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
    }

    private async Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken)
    {
        if (factory is null)
        {
            QuartzLogBinding.Bind(loggers);
            factory = services.GetRequiredService<ISchedulerFactory>();
            var scheduler = await factory.GetScheduler(cancellationToken);
            await scheduler.AddJob(JobBuilder.Create<OccurrenceJob>().WithIdentity(OccurrenceJob).StoreDurably().Build(), replace: true, cancellationToken);
            return scheduler;
        }

        return await factory.GetScheduler(cancellationToken);
    }

    public void Dispose() => gate.Dispose();

    private sealed record Bucket(TriggerKey Trigger, HashSet<long> Tids);
}
