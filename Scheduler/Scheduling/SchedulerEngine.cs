using System.Diagnostics;
using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Keeps the clock in step with the definitions: loads every task at start, records what was missed
/// while the scheduler was down, arms each firing task at its next occurrence, and re-arms on every
/// change (insert, update, activate, hold, delete, calendar change) without a restart.
/// </summary>
internal sealed partial class SchedulerEngine(
    ITaskStore tasks,
    ICalendarStore calendars,
    TaskRegistry registry,
    CalendarDays calendarDays,
    QuartzClock clock,
    DueOccurrences due,
    MissedRunRecovery recovery,
    ILeadership leadership,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<SchedulerEngine> log) : IHostedService, ITaskChangeListener, ILeadershipListener, IDisposable
{
    private readonly string instance = options.Value.Instance;

    // Start, taking and losing leadership happen one at a time.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Loads every definition (any instance serves the API from them); the leader also recovers and arms the clock.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            await LoadAllAsync(cancellationToken);
            if (!leadership.IsLeader)
            {
                LogStandby(log, registry.Count);
                return;
            }

            var firing = await RecoverAndArmAsync(takeover: null, cancellationToken);
            LogReady(log, registry.Count, firing, watch.ElapsedMilliseconds);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Taking over: definitions afresh from the database, every occurrence that fell due since the last leader's
    /// last run created (the idempotent run key keeps each single), then the clock armed.
    /// </summary>
    public async Task LeadershipTakenAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            await LoadAllAsync(cancellationToken);
            var firing = await RecoverAndArmAsync(takeover: TakeoverWindow, cancellationToken);
            LogReady(log, registry.Count, firing, watch.ElapsedMilliseconds);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Standing by: the clock fires nothing more here.</summary>
    public async Task LeadershipLostAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await clock.DisarmAllAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Occurrences due this recently before a takeover run late rather than being recorded as missed: the gap a lease expiry leaves.</summary>
    public static readonly TimeSpan TakeoverWindow = TimeSpan.FromMinutes(1);

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        _ = calendarDays.Replace((await calendars.ListAsync(cancellationToken)).Select(c => c.Calendar));
        var stored = await tasks.ListAsync(cancellationToken);
        foreach (var gone in registry.All.Select(t => t.Name).Except(stored.Select(s => s.Definition.Name), StringComparer.Ordinal).ToList())
        {
            registry.Remove(gone);
        }

        foreach (var task in stored)
        {
            Load(task);
        }
    }

    private async Task<int> RecoverAndArmAsync(TimeSpan? takeover, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var firing = registry.All.Where(t => t.Fires(instance)).ToList();
        using (leadership.Fence())
        {
            await recovery.RecoverAsync(firing, now, cancellationToken, takeover);
        }

        await clock.ArmAsync(NextOccurrences(firing, now), cancellationToken);
        return firing.Count;
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Called by the clock: queue the occurrences due at the instant for run creation, and arm each task's next one.</summary>
    public async Task OnFiredAsync(Quartz.TriggerKey fired, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        if (!leadership.IsLeader)
        {
            // A standby's clock is disarmed on losing the lease; a fire racing that finds nothing to do.
            return;
        }

        var rearm = new List<(long, Occurrence)>();
        foreach (var tid in await clock.TakeDueAsync(fired, instant, cancellationToken))
        {
            if (registry.Find(tid) is not { } task || !task.Fires(instance))
            {
                continue;
            }

            due.Add(new DueOccurrence(tid, instant));
            if (task.Schedule.NextAfter(instant) is { } next)
            {
                rearm.Add((tid, next));
            }
        }

        await clock.ArmAsync(rearm, cancellationToken);
    }

    public async Task TaskSavedAsync(StoredTask stored, CancellationToken cancellationToken)
    {
        await clock.DisarmAsync(stored.Definition.Tid, cancellationToken);
        var task = Load(stored);
        if (task?.Fires(instance) == true && leadership.IsLeader)
        {
            await clock.ArmAsync(NextOccurrences([task], time.GetUtcNow()), cancellationToken);
        }
    }

    public async Task TaskDeletedAsync(string name, CancellationToken cancellationToken)
    {
        if (registry.Remove(name) is { } removed)
        {
            await clock.DisarmAsync(removed.Tid, cancellationToken);
        }
    }

    public async Task CalendarsChangedAsync(CancellationToken cancellationToken)
    {
        var changed = calendarDays.Replace((await calendars.ListAsync(cancellationToken)).Select(c => c.Calendar));
        await RearmUsersAsync(changed, cancellationToken);
    }

    public async Task CalendarChangedAsync(string name, CancellationToken cancellationToken)
    {
        if (calendarDays.Put(name, (await calendars.FindAsync(name, cancellationToken))?.Calendar))
        {
            await RearmUsersAsync(new HashSet<string>(StringComparer.Ordinal) { name }, cancellationToken);
        }
    }

    /// <summary>Only the tasks naming a calendar whose days changed: re-arming every calendar user on each change made many calendars cost quadratic time.</summary>
    private async Task RearmUsersAsync(IReadOnlySet<string> changed, CancellationToken cancellationToken)
    {
        foreach (var task in registry.All.Where(t => t.Definition.Calendar is { } calendar && changed.Contains(calendar)).ToList())
        {
            await TaskSavedAsync(task.Stored, cancellationToken);
        }
    }

    private ScheduledTask? Load(StoredTask stored)
    {
        try
        {
            var task = new ScheduledTask(stored, TaskSchedule.For(stored.Definition, calendarDays.Resolve(stored.Definition.Calendar)));
            registry.Put(task);
            return task;
        }
        catch (ArgumentException ex)
        {
            // A row written by an older version or by hand: keep serving the others, say which one is broken.
            LogUnschedulable(log, stored.Definition.Name, ex.Message);
            return null;
        }
    }

    private static IEnumerable<(long Tid, Occurrence Next)> NextOccurrences(IEnumerable<ScheduledTask> firing, DateTimeOffset now) =>
        firing.Select(t => (t.Tid, Next: t.Schedule.NextAfter(now))).Where(x => x.Next is not null).Select(x => (x.Tid, x.Next!));

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler engine ready: {Tasks} tasks loaded, {Firing} armed on the clock in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, int tasks, int firing, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler engine standing by: {Tasks} tasks loaded; another scheduler leads, this one serves the API and takes over if the leader's lease expires")]
    private static partial void LogStandby(ILogger logger, int tasks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskName} cannot be scheduled and is skipped: {Problem}")]
    private static partial void LogUnschedulable(ILogger logger, string taskName, string problem);
}
