using System.Globalization;
using System.Runtime;

namespace EasyTask.Scheduler.Benchmarks;

internal static partial class DispatchBenchmark
{
    private const long WarmUpFirstTid = 800_000;

    /// <summary>Rounds at most: a JIT that never settles is reported, not waited for.</summary>
    private const int WarmUpMaxRounds = 10;

    /// <summary>
    /// Methods compiled (or recompiled by tiered compilation) during one round below which the JIT counts as settled.
    /// A steady service still compiles a few (a timer's first use, a rare branch); hundreds mean tier-up is under way.
    /// </summary>
    private const long SettledMethodsPerRound = 50;

    /// <summary>
    /// Rounds of <paramref name="perRound"/> runs until a round compiles fewer than <see cref="SettledMethodsPerRound"/>
    /// methods, so the measured phases see the code a long-running service runs, not tier-0 code being replaced.
    /// </summary>
    internal static async Task<WarmUp> WarmUpAsync(IServiceProvider services, int perRound, CancellationToken cancellationToken)
    {
        var jitTimeBefore = JitInfo.GetCompilationTime();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long lastRound = 0;
        var rounds = 0;
        while (rounds < WarmUpMaxRounds)
        {
            var compiledBefore = JitInfo.GetCompiledMethodCount();
            await ThroughputAsync(services, WarmUpFirstTid + ((long)rounds * perRound), $"warmup{rounds}", perRound, cancellationToken);
            await DrainAsync(services, TimeSpan.FromMinutes(1), cancellationToken);
            rounds++;
            lastRound = JitInfo.GetCompiledMethodCount() - compiledBefore;
            if (lastRound < SettledMethodsPerRound)
            {
                break;
            }
        }

        return new WarmUp(rounds, perRound, lastRound, watch.Elapsed, JitInfo.GetCompilationTime() - jitTimeBefore);
    }

    internal sealed record WarmUp(int Rounds, int PerRound, long CompiledInLastRound, TimeSpan Elapsed, TimeSpan JitTime)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {Rounds} rounds of {PerRound} runs in {Elapsed.TotalSeconds:0} s, not counted, until a round compiled fewer than {SettledMethodsPerRound} methods (last round {CompiledInLastRound}; {JitTime.TotalSeconds:0.0} s of JIT in all){(CompiledInLastRound >= SettledMethodsPerRound ? " -- THE JIT DID NOT SETTLE; the figures below include tier-up" : string.Empty)}");
    }
}
