using System.Diagnostics;
using System.Globalization;
using EasyTask.Agent.Benchmarks;
using EasyTask.Agent.Execution.Launch;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>
/// Measures, in one run: the raw rate of starting <c>setsid /bin/sh -c true</c> from .NET (what the agent starts per run); EasyTask end to end over the
/// bus (trigger → SUCCESS recorded) for N <c>true</c> runs; and the latency from scheduled instant to process
/// start at a light load (one run per agent slot each second) and in a burst (10 at once on 4 slots), as p50/p99.
/// </summary>
internal static partial class DispatchBenchmark
{
    /// <summary>How long the throughput phase waits for its runs to end.</summary>
    private static readonly TimeSpan ThroughputLimit = TimeSpan.FromMinutes(5);

    /// <summary>Runs of one warm-up round through the whole path, before anything is measured.</summary>
    private const int WarmUpRuns = 300;

    private static readonly IReadOnlyList<RunStatus> Ended = [RunStatus.Success, RunStatus.Failed, RunStatus.Terminated];

    public static async Task RunAsync(string busSetting, string? database, int runs, int lightSeconds, TextWriter output, CancellationToken cancellationToken)
    {
        var bus = BusSettings.Parse(busSetting);
        var folder = Directory.CreateTempSubdirectory("easytask-bench-dispatch-");
        await output.WriteLineAsync($"EasyTask dispatch benchmark: {Environment.ProcessorCount} cores, bus {bus.Describe()}, agent '{DispatchBenchmarkHosts.AgentName}' with {DispatchBenchmarkHosts.Slots} run slots, {(database is null ? $"SQLite in {folder.FullName}" : DatabaseOptions.Parse(database).Describe())}; load average {LoadAverage()}");
        var raw = await RawSpawnRateAsync(runs / 4, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"raw: setsid /bin/sh -c true started and reaped from .NET, 4 at a time: {raw:0} processes/s (measured now, on this machine as loaded now)"));
        var hosts = DispatchBenchmarkHosts.Build(folder.FullName, bus, database);
        var (spawn, ownRaw) = await AgentsOwnRawAsync(hosts[^1], runs / 4, output, cancellationToken);
        try
        {
            await hosts[0].Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            foreach (var host in hosts)
            {
                await host.StartAsync(cancellationToken);
            }

            // A service runs for months: the figures are its steady state, not a fresh process's JIT compilations and first
            // uses. Tiered compilation keeps recompiling hot methods for many seconds of load (in a profile, the JIT took
            // about a quarter of the CPU of a cold phase and still a tenth 300 runs in), so the warm-up goes on until it settles.
            var warmUp = await WarmUpAsync(hosts[0].Services, Math.Max(20, Math.Min(WarmUpRuns, runs / 5)), cancellationToken);
            await output.WriteLineAsync(warmUp.Describe());

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var throughput = await ThroughputAsync(hosts[0].Services, 1, "bench", runs, cancellationToken);
            var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, throughput.Ended);
            // The machine's limit is measured again right after: on a shared machine the load moves, and a ratio to one
            // reading taken before could flatter or wrong the figure. The ratio is to the mean of the two.
            var rawAfter = await RawSpawnRateAsync(runs / 4, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"raw again, right after the end-to-end phase: {rawAfter:0} processes/s; the ratios below are to the mean of both, {(raw + rawAfter) / 2:0}/s"));
            raw = (raw + rawAfter) / 2;
            ownRaw = (ownRaw + await RawSpawn.RateAsync(spawn, runs / 4, 4, cancellationToken)) / 2;
            var target = bus.InMemory ? "70 %" : "60 %";
            if (throughput.Succeeded < runs)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"end to end: NOT ALL RUNS SUCCEEDED: after {throughput.Elapsed.TotalSeconds:0} s {throughput.Ended:N0} of {runs:N0} runs had ended ({(throughput.Statuses.Length == 0 ? "none" : throughput.Statuses)}); the rate below counts only those that succeeded"));
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"end to end: {throughput.Succeeded:N0} runs from TRIGGER to SUCCESS recorded at {throughput.Rate:0} runs/s = {throughput.Rate / raw:P0} of the raw rate (target >= {target}); {throughput.Rate / ownRaw:P0} of the agent's own way, measured the same way ({ownRaw:0}/s)"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cpu: {cpuPerRun:0.0} ms per run for scheduler and agent together (this process; the broker not counted; target <= {(bus.InMemory ? 8 : 15)} ms)"));

            // The latency phase's runs queue behind any runs of the throughput phase still waiting for a slot (older scheduled
            // instant first): measured behind that backlog, no light run would start within the phase.
            if (await DrainAsync(hosts[0].Services, TimeSpan.FromMinutes(2), cancellationToken) is var left and > 0)
            {
                await output.WriteLineAsync($"latency: {left} runs of the throughput phase were still in flight after 2 more minutes; the latency below is measured behind them");
            }

            // Light load: one run per slot each second, so no run waits for a slot and the figure is the pipeline's own.
            var light = await LatencyAsync(hosts[0].Services, DispatchBenchmarkHosts.Slots, lightSeconds, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"latency: {light.Count} runs, {DispatchBenchmarkHosts.Slots} due together each second (one per slot), scheduled instant -> process start: p50 {light.P50:0} ms, p99 {light.P99:0} ms (targets 10 ms / 30 ms); by status: {(light.Statuses.Length == 0 ? "none created" : light.Statuses)}"));

            // A burst: more runs due at once than the agent has slots; the later ones wait for a slot to free.
            var burst = await LatencyAsync(hosts[0].Services, 10, lightSeconds, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"latency, burst: {burst.Count} runs, 10 due together each second on {DispatchBenchmarkHosts.Slots} slots: p50 {burst.P50:0} ms, p99 {burst.P99:0} ms (slot waits included); by status: {(burst.Statuses.Length == 0 ? "none created" : burst.Statuses)}"));
            await output.WriteLineAsync($"load average at the end: {LoadAverage()} (1, 5, 15 min; the machine may be shared)");
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

    /// <summary>
    /// The benchmark agent's way of starting a shell (<c>EasyTask:Agent:SpawnMethod</c> of its host) and that way's raw
    /// rate, measured now and printed: the second limit the figures are compared with.
    /// </summary>
    internal static async Task<(SpawnMethod Method, double Rate)> AgentsOwnRawAsync(IHost agentHost, int perWorker, TextWriter output, CancellationToken cancellationToken)
    {
        var method = RawSpawn.ConfiguredMethod(agentHost.Services.GetRequiredService<IConfiguration>());
        var rate = await RawSpawn.RateAsync(method, perWorker, 4, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"raw, the agent's own way: {RawSpawn.Describe(method)}, 4 at a time: {rate:0} processes/s (measured now)"));
        return (method, rate);
    }

    internal static async Task<double> RawSpawnRateAsync(int perWorker, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                using var process = Process.Start(new ProcessStartInfo("setsid", ["/bin/sh", "-c", "true"]) { UseShellExecute = false })!;
                await process.WaitForExitAsync(cancellationToken);
            }
        }, cancellationToken)));
        return perWorker * 4 / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The machine's load average as /proc has it (Linux), so figures can be read against the load they ran under.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static TaskDefinition BenchTask(long tid, string name, string? cron = null) =>
        new() { Tid = tid, Name = name, Cmd = "true", RunOnHost = DispatchBenchmarkHosts.AgentName, Cron = cron, Concurrency = ConcurrencyPolicy.Allow };
}
