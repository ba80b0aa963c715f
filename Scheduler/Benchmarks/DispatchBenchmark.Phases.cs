using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

internal static partial class DispatchBenchmark
{
    /// <summary>N tasks due at once; the clock's hand-off is replayed directly so the figure is dispatch and execution, not waiting for a second.</summary>
    private static async Task<double> ThroughputAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        var store = (TaskStore)services.GetRequiredService<ITaskStore>();
        await store.InsertManyAsync(Enumerable.Range(1, count).Select(i => BenchTask(i, $"bench_{i:D5}")), "bench", cancellationToken);
        var listener = services.GetRequiredService<ITaskChangeListener>();
        foreach (var stored in await store.ListAsync(cancellationToken))
        {
            await listener.TaskSavedAsync(stored, cancellationToken);
        }

        var runs = services.GetRequiredService<IRunStore>();
        var due = services.GetRequiredService<DueOccurrences>();
        var now = TimeProvider.System.GetUtcNow();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            due.Add(new DueOccurrence(i, now));
        }

        while (await CountAsync(runs, RunStatus.Success, count * 2, cancellationToken) < count && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await System.Threading.Tasks.Task.Delay(100, cancellationToken);
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Ten tasks firing every second through the real clock; latency is the agent's process start minus the scheduled instant.</summary>
    private static async Task<(double P50, double P99, int Count)> LatencyAsync(IServiceProvider services, int seconds, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ITaskStore>();
        var listener = services.GetRequiredService<ITaskChangeListener>();
        for (var i = 0; i < 10; i++)
        {
            await listener.TaskSavedAsync(await store.InsertAsync(BenchTask(900_000 + i, $"light_{i}", "* * * * * *"), "bench", cancellationToken), cancellationToken);
        }

        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        foreach (var i in Enumerable.Range(0, 10))
        {
            await listener.TaskDeletedAsync($"light_{i}", cancellationToken);
        }

        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var runs = services.GetRequiredService<IRunStore>();
        var latencies = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            latencies.AddRange((await runs.ListAsync(new RunQuery(TaskName: $"light_{i}", Limit: 10_000), cancellationToken))
                .Where(r => r.StartedAt is not null)
                .Select(r => (r.StartedAt!.Value - r.ScheduledFor).TotalMilliseconds));
        }

        latencies.Sort();
        return latencies.Count == 0 ? (double.NaN, double.NaN, 0) : (latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))], latencies.Count);
    }
}
