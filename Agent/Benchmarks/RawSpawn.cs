using System.Diagnostics;
using EasyTask.Agent.Execution.Launch;
using EasyTask.Agent.Hosting;
using Microsoft.Extensions.Configuration;

namespace EasyTask.Agent.Benchmarks;

/// <summary>
/// The machine's limit for the agent's own way of starting a shell: <c>/bin/sh -c true</c> through the agent's
/// launcher (its session, its pipes read to the end, its reaping), nothing else. Benchmarks print their run rates as
/// a ratio to this as well as to the issue's <c>setsid /bin/sh -c true</c>, which the agent no longer pays for.
/// </summary>
public static class RawSpawn
{
    /// <summary>Starts <paramref name="workers"/> × <paramref name="perWorker"/> shells, <paramref name="workers"/> at a time; processes per second.</summary>
    public static async Task<double> RateAsync(SpawnMethod method, int perWorker, int workers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                await using var shell = ProcessLauncher.Start(new ProcessStartInfo("/bin/sh", ["-c", "true"]) { WorkingDirectory = "/" }, method);
                await Task.WhenAll(shell.Stdout.CopyToAsync(Stream.Null, cancellationToken), shell.Stderr.CopyToAsync(Stream.Null, cancellationToken));
                await shell.WaitForExitAsync(cancellationToken);
            }
        }, cancellationToken)));
        return perWorker * workers / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The agent's <c>EasyTask:Agent:SpawnMethod</c> in <paramref name="configuration"/>, as the agent reads it.</summary>
    public static SpawnMethod ConfiguredMethod(IConfiguration configuration) =>
        configuration.GetValue($"{AgentOptions.Section}:{nameof(AgentOptions.SpawnMethod)}", SpawnMethod.PosixSpawn);

    /// <summary>What the launcher means by <paramref name="method"/> on this machine, for the benchmark's header.</summary>
    public static string Describe(SpawnMethod method) =>
        ProcessLauncher.UsesPosixSpawn(method)
            ? "posix_spawn /bin/sh -c true with its own session"
            : "setsid /bin/sh -c true through .NET's Process, with its pipes";
}
