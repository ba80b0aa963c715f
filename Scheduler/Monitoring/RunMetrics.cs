using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// The scheduler's OpenTelemetry instruments (meter <c>EasyTask.Scheduler</c>). Labels stay bounded: task, host,
/// status and reason, never a run id. Prometheus sees the counters with <c>_total</c> and the histograms in seconds.
/// </summary>
internal sealed class RunMetrics : IDisposable
{
    public const string MeterName = "EasyTask.Scheduler";

    // Seconds: batch runs last from milliseconds to hours; lag should stay well under a second.
    private static readonly double[] DurationBuckets = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400];
    private static readonly double[] LagBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> started;
    private readonly Counter<long> finished;
    private readonly Counter<long> retried;
    private readonly Histogram<double> duration;
    private readonly Histogram<double> lag;
    private readonly ConcurrentDictionary<string, int> queue = new(StringComparer.Ordinal);
    private int agentsAlive;

    public RunMetrics()
    {
        started = meter.CreateCounter<long>("easytask_runs_started", description: "Runs whose execution began (first attempt accepted by an agent).");
        finished = meter.CreateCounter<long>("easytask_runs_finished", description: "Runs that reached a final status.");
        retried = meter.CreateCounter<long>("easytask_runs_retried", description: "Automatic and manual retries of runs.");
        duration = meter.CreateHistogram("easytask_run_duration", "s", "Run duration from process start to its end.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        lag = meter.CreateHistogram("easytask_schedule_lag", "s", "From a run's scheduled time to its process start.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        meter.CreateObservableGauge("easytask_queue_depth", ObserveQueue, description: "Runs waiting in ACTIVE or TRIGGER, per host.");
        meter.CreateObservableGauge("easytask_agents_alive", () => Volatile.Read(ref agentsAlive), description: "Agents heartbeating within the agent timeout.");
    }

    public void Started(string task, string host) => started.Add(1, new TagList { { "task", task }, { "host", host } });

    public void Finished(string task, string host, string status, string reason) =>
        finished.Add(1, new TagList { { "task", task }, { "host", host }, { "status", status }, { "reason", reason } });

    public void Retried(string task, string host, string kind) => retried.Add(1, new TagList { { "task", task }, { "host", host }, { "kind", kind } });

    public void Duration(string task, string host, string status, TimeSpan value) =>
        duration.Record(value.TotalSeconds, new TagList { { "task", task }, { "host", host }, { "status", status } });

    public void ScheduleLag(string task, string host, TimeSpan value) =>
        lag.Record(Math.Max(0, value.TotalSeconds), new TagList { { "task", task }, { "host", host } });

    /// <summary>Sets the sampled queue depth per host (hosts missing from the sample read 0).</summary>
    public void SetQueue(IReadOnlyDictionary<string, int> byHost)
    {
        foreach (var host in queue.Keys.Where(h => !byHost.ContainsKey(h)))
        {
            queue[host] = 0;
        }

        foreach (var (host, count) in byHost)
        {
            queue[host] = count;
        }
    }

    public void SetAgentsAlive(int count) => Volatile.Write(ref agentsAlive, count);

    private IEnumerable<Measurement<int>> ObserveQueue() =>
        queue.Select(q => new Measurement<int>(q.Value, new KeyValuePair<string, object?>("host", q.Key)));

    public void Dispose() => meter.Dispose();
}
