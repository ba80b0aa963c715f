using System.Diagnostics;
using System.Globalization;
using EasyTask.Agent.Execution;
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
        await output.WriteLineAsync(Format($"raw spawn setsid {SpawnRate(spawns, "setsid", "/bin/sh", "-c", "true"),10:F0} processes/s   (setsid /bin/sh -c true: the agent's own process group costs one more exec)"));

        var root = Path.Combine(Path.GetTempPath(), "easytask-agent-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var rate = await AgentRunRateAsync(root, runs, slots);
            await output.WriteLineAsync(Format($"agent runs       {rate,10:F0} runs/s        ({runs} x true through the agent, {slots} slots, journal on disk, no transport)"));
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

    private static async Task<double> AgentRunRateAsync(string root, int count, int slots)
    {
        var sink = new CountingSink();
        var options = Options(root);
        options.MaxConcurrentRuns = slots;
        await using var supervisor = new RunSupervisor(Microsoft.Extensions.Options.Options.Create(options), sink, TimeProvider.System, NullLoggerFactory.Instance);
        await supervisor.StartAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var ids = Enumerable.Range(0, count).Select(i => $"rate-{i}").ToList();
        foreach (var id in ids)
        {
            await supervisor.AcceptAsync(Task(id, "true"), CancellationToken.None);
        }

        await System.Threading.Tasks.Task.WhenAll(ids.Select(sink.FinishedOf));
        return count / clock.Elapsed.TotalSeconds;
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
