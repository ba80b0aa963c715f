using System.Diagnostics;
using System.Globalization;
using EasyTask.Agent.Execution;
using EasyTask.Agent.Execution.Launch;
using EasyTask.Agent.Hosting;
using EasyTask.Contracts.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EasyTask.Agent.Benchmarks;

/// <summary>
/// <c>easytask-agent bench [--spawn N] [--runs N] [--slots N] [--capture-mib N]</c>: the raw rate of starting
/// <c>/bin/sh -c true</c> from .NET, the agent's own rate for <c>true</c> runs (journal included), and its capture
/// throughput and peak memory for a large stdout. Prints figures; asserts nothing.
/// </summary>
internal static class AgentBenchmark
{
    /// <summary>Runs the three measurements and prints one line each; the counts are validated by the command line.</summary>
    public static async Task<int> RunAsync(int spawns, int runs, int slots, int mebibytes, TextWriter output, TextWriter error)
    {
        if (OperatingSystem.IsWindows())
        {
            await error.WriteLineAsync("error: the agent benchmark needs /bin/sh (Linux or another Unix)");
            return AgentHost.InvalidConfiguration;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"easytask-agent bench on {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        await output.WriteLineAsync(Format($"raw spawn        {SpawnRate(spawns, "/bin/sh", "-c", "true"),10:F0} processes/s   (/bin/sh -c true, {spawns} sequential starts)"));
        await output.WriteLineAsync(Format($"raw spawn setsid {SpawnRate(spawns, "setsid", "/bin/sh", "-c", "true"),10:F0} processes/s   (setsid /bin/sh -c true: a process group of its own through one more exec, as .NET's Process must)"));
        await output.WriteLineAsync(Format($"raw spawn agent  {await RawSpawn.RateAsync(SpawnMethod.PosixSpawn, spawns, 1, CancellationToken.None),10:F0} processes/s   ({RawSpawn.Describe(SpawnMethod.PosixSpawn)}, pipes read, reaped: how the agent starts a run)"));

        var root = Path.Combine(Path.GetTempPath(), "easytask-agent-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var writers in new[] { 1, Prefetch })
            {
                var (lifecycles, perRun, replay, bytes) = await JournalBenchmark.RunAsync(Path.Combine(root, $"journal-{writers}"), runs * 4, writers);
                await output.WriteLineAsync(Format(
                    $"journal alone {writers,2} {lifecycles,8:F0} runs/s        ({runs * 4} run lifecycles journaled by {writers} writers: accepted and finished durably, running, delivered; {perRun:F2} fsyncs per run; restart reads them in {replay.TotalMilliseconds:F0} ms, {bytes / (runs * 4)} bytes per run on disk)"));
            }

            var (rate, flushes, cpu) = await AgentRunRateAsync(Path.Combine(root, "sequential"), runs, slots, inFlight: 1);
            await output.WriteLineAsync(Format($"agent runs       {rate,10:F0} runs/s        ({runs} x true through the agent, {slots} slots, journal on disk, no transport; {flushes / (double)runs:F2} journal fsyncs and {cpu:F1} ms CPU per run)"));
            (rate, flushes, cpu) = await AgentRunRateAsync(Path.Combine(root, "prefetch"), runs, slots, inFlight: Prefetch);
            await output.WriteLineAsync(Format($"agent runs, {Prefetch} in {rate,6:F0} runs/s        (the same, RunTasks taken {Prefetch} at a time as from a broker with prefetch; {flushes / (double)runs:F2} journal fsyncs and {cpu:F1} ms CPU per run)"));
            foreach (var (label, command) in CaptureCommands(mebibytes))
            {
                var (megabytesPerSecond, peak, baseline, batches) = await CaptureAsync(root, command);
                await output.WriteLineAsync(Format(
                    $"capture {label,-8} {megabytesPerSecond,10:F0} MB/s          ({mebibytes} MiB of stdout to file; working set {baseline / 1048576} MiB before, peak {peak / 1048576} MiB; {batches} live batches)"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        return AgentHost.Ok;
    }

    private static double SpawnRate(int count, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { UseShellExecute = false };
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>RunTasks accepted at once in the second run-rate figure, as the transport's prefetch lets them arrive.</summary>
    private const int Prefetch = 16;

    private static async Task<(double Rate, long Flushes, double CpuMilliseconds)> AgentRunRateAsync(string root, int count, int slots, int inFlight)
    {
        var sink = new CountingSink();
        var options = Options(root);
        options.MaxConcurrentRuns = slots;
        await using var supervisor = new RunSupervisor(Microsoft.Extensions.Options.Options.Create(options), sink, TimeProvider.System, NullLoggerFactory.Instance);
        await supervisor.StartAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var ids = Enumerable.Range(0, count).Select(i => $"rate-{i}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, (id, cancel) =>
            new ValueTask(supervisor.AcceptAsync(Task(id, "true"), cancel)));
        await System.Threading.Tasks.Task.WhenAll(ids.Select(sink.FinishedOf));
        var rate = count / clock.Elapsed.TotalSeconds;

        // The agent's own CPU (its children, the shells, are not counted): what the journal and the bookkeeping cost.
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
        return (rate, supervisor.Journal.Flushes, used);
    }

    private static async Task<(double MegabytesPerSecond, long Peak, long Baseline, long Batches)> CaptureAsync(string root, string command)
    {
        var sink = new CountingSink();
        await using var supervisor = new RunSupervisor(Microsoft.Extensions.Options.Options.Create(Options(root)), sink, TimeProvider.System, NullLoggerFactory.Instance);
        await supervisor.StartAsync(CancellationToken.None);
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var id = "capture-" + Guid.NewGuid().ToString("N");
        RunFinished result;
        TimeSpan elapsed;
        long peak;
        await using (var sampler = new MemorySampler())
        {
            var clock = Stopwatch.StartNew();
            await supervisor.AcceptAsync(Task(id, command), CancellationToken.None);
            result = await sink.FinishedOf(id);
            elapsed = clock.Elapsed;
            peak = sampler.Peak;
        }

        var file = Path.Combine(root, "logs", "bench", id + ".1.out");
        var bytes = new FileInfo(file).Length;
        File.Delete(file);
        if (result.ReturnCode != 0)
        {
            throw new InvalidOperationException($"the capture command failed: {result.Status} {result.Detail}");
        }

        return (bytes / 1_000_000.0 / elapsed.TotalSeconds, peak, baseline, sink.OutputBatches);
    }

    private static (string Label, string Command)[] CaptureCommands(int mebibytes)
    {
        var bytes = ((long)mebibytes * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        return [("zeros", $"head -c {bytes} /dev/zero"), ("lines", $"yes 'a line of text output by the task' | head -c {bytes}")];
    }

    private static AgentOptions Options(string root) => new()
    {
        Name = "bench",
        LogDirectory = Path.Combine(root, "logs"),
        JournalDirectory = Path.Combine(root, "journal"),
        DefaultWorkingDirectory = root,
    };

    private static RunTask Task(string id, string command) =>
        new() { RunId = id, Attempt = 1, Task = "bench", Host = "bench", Cmd = command };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
