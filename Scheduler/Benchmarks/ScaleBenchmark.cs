using System.Diagnostics;
using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>
/// <c>easytask bench scale --tasks N</c>: N tasks (<c>concurrency: skip</c>) spread evenly over each minute by
/// 6-field cron, run through the real clock, dispatch and one agent (16 slots unless <c>--slots</c>) for a while; then prints what happened to
/// the occurrences that fell due: created, started, finished, start lateness, recording lag, skipped, CPU, RSS.
/// </summary>
internal static class ScaleBenchmark
{
    private const long FirstTid = 5_000_000;

    public static async Task RunAsync(string busSetting, int tasks, int seconds, int slots, TextWriter output, CancellationToken cancellationToken)
    {
        var bus = BusSettings.Parse(busSetting);
        var folder = Directory.CreateTempSubdirectory("easytask-bench-scale-");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"EasyTask scale benchmark: {tasks:N0} tasks spread over each minute ({tasks / 60.0:0.#} occurrences/s), {seconds} s, {Environment.ProcessorCount} cores, bus {bus.Describe()}, agent '{DispatchBenchmarkHosts.AgentName}' with {slots} run slots, SQLite; load average {DispatchBenchmark.LoadAverage()}"));
        var raw = await DispatchBenchmark.RawSpawnRateAsync(100, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"raw: setsid /bin/sh -c true, 4 at a time: {raw:0} processes/s (measured now)"));
        var hosts = DispatchBenchmarkHosts.Build(folder.FullName, bus, slots: slots);
        var (_, ownRaw) = await DispatchBenchmark.AgentsOwnRawAsync(hosts[^1], 100, output, cancellationToken);
        try
        {
            var services = hosts[0].Services;
            await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            foreach (var host in hosts)
            {
                await host.StartAsync(cancellationToken);
            }

            // As in bench dispatch: a service runs for months, so the window measures warm code, not the JIT's first minutes
            // (cold, about 10 s of JIT on 2 cores made a backlog of starts the whole window then worked off).
            await output.WriteLineAsync((await DispatchBenchmark.WarmUpAsync(services, 300, cancellationToken)).Describe());
            var store = (TaskStore)services.GetRequiredService<ITaskStore>();
            await store.InsertManyAsync(Enumerable.Range(0, tasks).Select(Definition), "bench", cancellationToken);
            var listener = services.GetRequiredService<ITaskChangeListener>();
            foreach (var stored in await store.ListAsync(cancellationToken))
            {
                await listener.TaskSavedAsync(stored, cancellationToken);
            }

            // Measured from the next whole second, so every task had its chance to be armed.
            var since = TimeProvider.System.GetUtcNow().AddSeconds(2);
            since = since.AddTicks(-(since.Ticks % TimeSpan.TicksPerSecond));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(since + TimeSpan.FromSeconds(seconds) - TimeProvider.System.GetUtcNow(), cancellationToken);
            var until = since + TimeSpan.FromSeconds(seconds);
            // Fired by the clock but not yet made into runs: a creator behind its clock shows here, not as missing runs.
            var queuedAtEnd = services.GetRequiredService<DueOccurrences>().Reader.Count;
            var drain = Stopwatch.StartNew();
            IReadOnlyList<RunTiming> runs;
            var timings = new RunTimings(services.GetRequiredService<IDbConnectionFactory>());
            do
            {
                await Task.Delay(1000, cancellationToken);
                runs = await timings.ListAsync(FirstTid, FirstTid + tasks, since, until, cancellationToken);
            }
            while (runs.Any(r => r.Status is not ("SUCCESS" or "FAILED" or "TERMINATED")) && drain.Elapsed < TimeSpan.FromSeconds(60));

            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"clock queue: {queuedAtEnd:N0} fired occurrences not yet made into runs at the window's end, {services.GetRequiredService<DueOccurrences>().Reader.Count:N0} after the drain"));
            await ReportAsync(output, runs, tasks, seconds, (raw, ownRaw), cpu, drain.Elapsed);
        }
        finally
        {
            foreach (var host in hosts.AsEnumerable().Reverse())
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static TaskDefinition Definition(int i) => new()
    {
        Tid = FirstTid + i,
        Name = $"scale_{i:D6}",
        Cmd = "true",
        RunOnHost = DispatchBenchmarkHosts.AgentName,
        Cron = string.Create(CultureInfo.InvariantCulture, $"{i % 60} * * * * *"),
        Concurrency = ConcurrencyPolicy.Skip,
    };

    private static async Task ReportAsync(TextWriter output, IReadOnlyList<RunTiming> runs, int tasks, int seconds, (double Setsid, double Own) raw, TimeSpan cpu, TimeSpan drained)
    {
        var expected = (long)tasks * seconds / 60;
        var skipped = runs.Count(r => r.Reason == RunReason.Skipped);
        var started = runs.Where(r => r.StartedAt is not null).ToList();
        var finished = runs.Count(r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED" && r.Reason != RunReason.Skipped);
        var lateness = started.Select(r => (double)(r.StartedAt!.Value - r.ScheduledFor)).Order().ToList();
        var lag = runs.Where(r => r.FinishedAt is not null && r.RecordedAt is not null && r.StartedAt is not null)
            .Select(r => (double)(r.RecordedAt!.Value - r.FinishedAt!.Value)).Order().ToList();
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"occurrences due in the window: ~{expected:N0}; created {runs.Count:N0}, started {started.Count:N0}, finished {finished:N0} (drained {drained.TotalSeconds:0} s after the window)"));
        // The machine's own limit: a start rate above its raw spawn rate can only fall further behind, whatever the scheduler does.
        await output.WriteLineAsync(string.Create(c, $"asked {tasks / 60.0:0} starts/s = {tasks / 60.0 / raw.Setsid:P0} of the raw spawn rate ({tasks / 60.0 / raw.Own:P0} of the agent's own way); started {started.Count / (double)seconds:0}/s over the window = {started.Count / (double)seconds / raw.Setsid:P0} of it ({started.Count / (double)seconds / raw.Own:P0})"));
        await output.WriteLineAsync(string.Create(c, $"start lateness (scheduled instant -> process start): p50 {P(lateness, 0.5):0} ms, p99 {P(lateness, 0.99):0} ms, max {P(lateness, 1):0} ms (target p99 <= 2000 ms)"));
        // A start-up backlog that never drains reads differently from one that grows: the same figure by minute of the window.
        var first = started.Count == 0 ? 0 : started.Min(r => r.ScheduledFor);
        var byMinute = started.GroupBy(r => (r.ScheduledFor - first) / 60_000).OrderBy(g => g.Key)
            .Select(g => (Minute: g.Key + 1, Lateness: g.Select(r => (double)(r.StartedAt!.Value - r.ScheduledFor)).Order().ToList()))
            .Select(m => string.Create(c, $"minute {m.Minute}: p50 {P(m.Lateness, 0.5) / 1000:0.0} s, p99 {P(m.Lateness, 0.99) / 1000:0.0} s"));
        await output.WriteLineAsync($"start lateness by minute of the window: {string.Join("; ", byMinute)}");
        await output.WriteLineAsync(string.Create(c, $"recording lag (process end -> final status recorded): p50 {P(lag, 0.5):0} ms, p99 {P(lag, 0.99):0} ms, max {P(lag, 1):0} ms (target p99 <= 1000 ms)"));
        var (stale, endedSinceInstant) = StaleSkips(runs);
        await output.WriteLineAsync(string.Create(c, $"skipped (concurrency skip): {skipped:N0}, of which {stale:N0} behind a previous run that had already ended on its agent when the occurrence fell due (stale state; target 0), and {endedSinceInstant:N0} behind one that ended after the instant but before the skip was recorded (the skip stands: it was still going when the occurrence fell due); the others were skipped behind a run still waiting for a slot or running (the machine behind its load)"));
        // The raw rate saturates the cores, so each of the agent's spawns costs about cores / raw of CPU; what the asked rate
        // leaves over is what the scheduler and agent may spend per run for starts to keep up at all.
        var asked = tasks / 60.0;
        var budget = Math.Max(0, Environment.ProcessorCount * (1 - asked / raw.Own)) * 1000 / asked;
        await output.WriteLineAsync(string.Create(c, $"cpu: {cpu.TotalMilliseconds / Math.Max(1, finished):0.0} ms per finished run (scheduler and agent in this process); the agent's spawns alone at the asked rate leave {budget:0.0} ms per run of {Environment.ProcessorCount} cores; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB"));
        await output.WriteLineAsync($"load average at the end: {DispatchBenchmark.LoadAverage()} (1, 5, 15 min; the machine may be shared)");
    }

    /// <summary>
    /// Skips behind a previous run of the same task that had ended on its agent before the occurrence's instant: decided on
    /// stale state. Apart: those whose previous run ended after the instant but before the skip was recorded.
    /// </summary>
    private static (int Stale, int EndedSinceInstant) StaleSkips(IReadOnlyList<RunTiming> runs)
    {
        var stale = 0;
        var endedSinceInstant = 0;
        foreach (var task in runs.GroupBy(r => r.Tid))
        {
            RunTiming? previous = null;
            foreach (var run in task.OrderBy(r => r.ScheduledFor))
            {
                if (run.Reason != RunReason.Skipped)
                {
                    previous = run;
                }
                else if (previous?.FinishedAt is { } ended && ended <= run.ScheduledFor)
                {
                    stale++;
                }
                else if (previous?.FinishedAt is { } later && later < run.CreatedAt)
                {
                    endedSinceInstant++;
                }
            }
        }

        return (stale, endedSinceInstant);
    }

    private static double P(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
}
