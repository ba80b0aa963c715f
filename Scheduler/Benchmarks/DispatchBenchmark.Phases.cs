using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

internal static partial class DispatchBenchmark
{
    /// <summary>
    /// <paramref name="count"/> tasks (tids from <paramref name="firstTid"/>) due at once; the clock's hand-off is replayed
    /// directly so the figure is dispatch and execution, not waiting for a second. Waits for every run to end (not only to
    /// succeed: a run that failed would otherwise hold the phase to its time limit) and says how they ended, so a phase cut
    /// short by the limit reads as such instead of as a slow rate.
    /// </summary>
    private static async Task<ThroughputResult> ThroughputAsync(IServiceProvider services, long firstTid, string prefix, int count, CancellationToken cancellationToken)
    {
        var store = (TaskStore)services.GetRequiredService<ITaskStore>();
        await store.InsertManyAsync(Enumerable.Range(0, count).Select(i => BenchTask(firstTid + i, $"{prefix}_{i:D5}")), "bench", cancellationToken);
        var listener = services.GetRequiredService<ITaskChangeListener>();
        var ours = (await store.ListAsync(cancellationToken)).Where(t => t.Definition.Tid >= firstTid && t.Definition.Tid < firstTid + count);
        foreach (var stored in ours)
        {
            await listener.TaskSavedAsync(stored, cancellationToken);
        }

        // Polled with a count, not a listing: reading thousands of rows ten times a second would be charged to the runs' CPU.
        var listing = new RunListing(services.GetRequiredService<IDbConnectionFactory>());
        var endedBefore = (await listing.PageAsync(new RunPageQuery(Statuses: Ended, Limit: 1), cancellationToken)).Total;
        var runs = services.GetRequiredService<IRunStore>();
        var due = services.GetRequiredService<DueOccurrences>();
        var now = TimeProvider.System.GetUtcNow();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            due.Add(new DueOccurrence(firstTid + i, now));
        }

        while ((await listing.PageAsync(new RunPageQuery(Statuses: Ended, Limit: 1), cancellationToken)).Total - endedBefore < count && watch.Elapsed < ThroughputLimit)
        {
            await System.Threading.Tasks.Task.Delay(100, cancellationToken);
        }

        var elapsed = watch.Elapsed;
        var ended = (await runs.ListAsync(new RunQuery(Statuses: Ended, Limit: 100_000), cancellationToken)).Where(r => r.Tid >= firstTid && r.Tid < firstTid + count).ToList();
        var succeeded = ended.Count(r => r.Status == RunStatus.Success);
        return new ThroughputResult(succeeded / elapsed.TotalSeconds, succeeded, ended.Count, elapsed, StatusesOf(ended));
    }

    /// <summary>
    /// Waits (up to <paramref name="limit"/>) until no run is in TRIGGER, STARTED or RUNNING, so the next phase does not queue behind
    /// the last one's backlog; returns how many were still in flight.
    /// </summary>
    private static async Task<int> DrainAsync(IServiceProvider services, TimeSpan limit, CancellationToken cancellationToken)
    {
        var runs = services.GetRequiredService<IRunStore>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var inFlight = (await runs.ListAsync(new RunQuery(Statuses: [RunStatus.Trigger, RunStatus.Started, RunStatus.Running], Limit: 100_000), cancellationToken)).Count;
            if (inFlight == 0 || watch.Elapsed >= limit)
            {
                return inFlight;
            }

            await System.Threading.Tasks.Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// <paramref name="tasks"/> tasks firing together every second through the real clock; latency is the agent's process start
    /// minus the scheduled instant. With no more tasks than the agent has slots this is the pipeline's own latency; with more,
    /// the later runs of each second also wait for a slot to free.
    /// </summary>
    private static async Task<LatencyResult> LatencyAsync(IServiceProvider services, int tasks, int seconds, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ITaskStore>();
        var listener = services.GetRequiredService<ITaskChangeListener>();
        var names = Enumerable.Range(0, tasks).Select(i => $"light{tasks}_{i}").ToList();
        for (var i = 0; i < tasks; i++)
        {
            await listener.TaskSavedAsync(await store.InsertAsync(BenchTask(900_000 + (tasks * 100) + i, names[i], "* * * * * *"), "bench", cancellationToken), cancellationToken);
        }

        // Stopped 300 ms into a second: the next second's runs, made a dispatch lead ahead of it, do not exist yet and are not
        // caught by the deletion (they would end FAILED, "the task was deleted before its run could start").
        var stopAt = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        stopAt = stopAt.AddTicks(-(stopAt.Ticks % TimeSpan.TicksPerSecond)).AddMilliseconds(300);
        await System.Threading.Tasks.Task.Delay(stopAt - TimeProvider.System.GetUtcNow(), cancellationToken);
        foreach (var name in names)
        {
            await listener.TaskDeletedAsync(name, cancellationToken);
        }

        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var runs = services.GetRequiredService<IRunStore>();
        var light = new List<RunRecord>();
        foreach (var name in names)
        {
            light.AddRange(await runs.ListAsync(new RunQuery(TaskName: name, Limit: 10_000), cancellationToken));
        }

        var latencies = light.Where(r => r.StartedAt is not null).Select(r => (r.StartedAt!.Value - r.ScheduledFor).TotalMilliseconds).ToList();
        latencies.Sort();

        // Which state the phase's runs ended in, so a phase that records no start says why (stuck in TRIGGER, failed, ...).
        var statuses = StatusesOf(light);
        return latencies.Count == 0
            ? new LatencyResult(double.NaN, double.NaN, 0, statuses)
            : new LatencyResult(latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))], latencies.Count, statuses);
    }

    private readonly record struct LatencyResult(double P50, double P99, int Count, string Statuses);

    private static string StatusesOf(IEnumerable<RunRecord> runs) =>
        string.Join(", ", runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key.ToText()} {g.Count()}"));
}
