using System.Diagnostics;
using System.Globalization;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>
/// The database side of a run alone, without bus or agent, so a storage change can be measured on a shared machine
/// where the end-to-end figure moves by more than the change: N runs created in batches of 50, moved to TRIGGER in
/// batches of 50, then recorded as the agent-event batcher records them (read, one merged update TRIGGER → STARTED →
/// RUNNING → SUCCESS with its three events, the attempt row) in transactions of 20 runs. On PostgreSQL it runs twice,
/// with automatic preparation off (<c>Max Auto Prepare=0</c>) and with EasyTask's default, one after the other.
/// </summary>
internal static class StorageBenchmark
{
    private const int CreateBatch = 50;
    private const int RecordBatch = 20;

    public static async Task RunAsync(string? database, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("easytask-bench-storage-");
        try
        {
            var options = DatabaseOptions.Parse(database ?? $"sqlite:{Path.Combine(folder.FullName, "bench.db")}");
            await output.WriteLineAsync($"EasyTask storage benchmark: {runs:N0} runs on {options.Describe()}; load average {DispatchBenchmark.LoadAverage()}");
            var variants = options.Provider == DatabaseProvider.Postgres
                ? new[] { ("automatic preparation off", options with { ConnectionString = options.ConnectionString + ";Max Auto Prepare=0" }), ("automatic preparation on (default)", options) }
                : new[] { ("default", options) };
            // A warm-up round (not printed) so the first variant does not pay for JIT; then each variant twice, interleaved,
            // so a change in the machine's load shows as a difference between the two rounds of one variant.
            var round = 0;
            foreach (var (name, variant) in variants.Take(1).Concat(variants).Concat(variants))
            {
                await using var services = new ServiceCollection().AddStorage(variant).BuildServiceProvider();
                await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
                var count = round == 0 ? Math.Min(runs, 200) : runs;
                var (create, record) = await MeasureAsync(services, ++round * 10_000_000L, count, cancellationToken);
                if (round > 1)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: create + TRIGGER {create.Seconds * 1000 / count:0.00} ms per run, record STARTED..SUCCESS {record.Seconds * 1000 / count:0.00} ms per run, " +
                        $"together {count / (create.Seconds + record.Seconds):0} runs/s (wall clock, one writer); " +
                        $"this process's CPU {create.Cpu * 1000 / count:0.00} + {record.Cpu * 1000 / count:0.00} ms per run"));
                    if (create.Written is { } createWritten && record.Written is { } recordWritten)
                    {
                        // Counted, not timed: these move only when the work per run does, however loaded the machine is.
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{name}: written per run: create + TRIGGER {createWritten.Writes / (double)count:0.0} {WriteVolume.Unit(options.Provider)}, {createWritten.Bytes / 1024.0 / count:0.0} KiB; " +
                            $"record STARTED..SUCCESS {recordWritten.Writes / (double)count:0.0} {WriteVolume.Unit(options.Provider)}, {recordWritten.Bytes / 1024.0 / count:0.0} KiB"));
                    }
                }
            }

            await output.WriteLineAsync($"load average at the end: {DispatchBenchmark.LoadAverage()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<((double Seconds, double Cpu, WriteVolume? Written) Create, (double Seconds, double Cpu, WriteVolume? Written) Record)> MeasureAsync(
        IServiceProvider services, long firstTid, int count, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IRunStore>();
        var connections = services.GetRequiredService<IDbConnectionFactory>();
        var start = await WriteVolume.ReadAsync(connections, cancellationToken);
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var batches = services.GetRequiredService<RunEventBatches>();
        var at = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var runs = new List<RunRecord>(count);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(CreateBatch))
        {
            var made = await store.CreateAsync([.. chunk.Select(i => new NewRun(firstTid + i, $"storage_{i}", at, "bench"))], "bench", cancellationToken);
            var moved = await store.TransitionManyAsync([.. made.Select(m => new RunChange(m.Run.RunId, m.Run.Version, RunStatus.Active, RunStatus.Trigger, "bench"))], cancellationToken);
            runs.AddRange(moved.OfType<RunRecord>());
        }

        var create = watch.Elapsed.TotalSeconds;
        var cpuCreated = Process.GetCurrentProcess().TotalProcessorTime;
        var created = await WriteVolume.ReadAsync(connections, cancellationToken);
        watch.Restart();
        foreach (var chunk in runs.Chunk(RecordBatch))
        {
            await using var unit = await batches.BeginAsync(cancellationToken);
            foreach (var run in chunk)
            {
                var found = await unit.FindAsync(run.RunId, cancellationToken) ?? run;
                var now = TimeProvider.System.GetUtcNow();
                RunChange[] steps =
                [
                    new(run.RunId, found.Version, RunStatus.Trigger, RunStatus.Started, "agent bench", "accepted"),
                    new(run.RunId, found.Version, RunStatus.Started, RunStatus.Running, "agent bench", "process started", StartedAt: now),
                    new(run.RunId, found.Version, RunStatus.Running, RunStatus.Success, "agent bench", "exit 0", ReturnCode: 0, FinishedAt: now),
                ];
                var moved = await unit.MoveAsync(found, steps, cancellationToken);
                await unit.RecordAttemptAsync(new RunAttempt(run.RunId, run.Attempt, RunStatus.Success, null, 0, "bench", now, now), cancellationToken);
                if (moved is null)
                {
                    throw new InvalidOperationException($"run {run.RunId} was not moved: the benchmark's own writes raced");
                }
            }

            await unit.CommitAsync(cancellationToken);
        }

        var record = watch.Elapsed.TotalSeconds;
        var cpuRecorded = Process.GetCurrentProcess().TotalProcessorTime;
        var recorded = await WriteVolume.ReadAsync(connections, cancellationToken);
        return ((create, (cpuCreated - cpuStart).TotalSeconds, created?.Since(start!)), (record, (cpuRecorded - cpuCreated).TotalSeconds, recorded?.Since(created!)));
    }
}
