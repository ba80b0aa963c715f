using System.Diagnostics;
using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>
/// Measures the scheduling figures the project promises, on this machine, and prints them:
/// (1) N definitions loaded from the database and armed on the clock, time and resident memory;
/// (2) K occurrences due in the same second turned into runs (ACTIVE → TRIGGER), time from the due second.
/// </summary>
internal static partial class SchedulingBenchmark
{
    public static async Task RunAsync(int definitions, int sameSecond, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("easytask-bench-");
        try
        {
            await output.WriteLineAsync($"EasyTask scheduling benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite in {folder.FullName}");
            await LoadAsync(Path.Combine(folder.FullName, "load.db"), definitions, output, cancellationToken);
            await SameSecondAsync(Path.Combine(folder.FullName, "burst.db"), sameSecond, output, cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task LoadAsync(string database, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var dispatcher = new CountingDispatcher(TimeProvider.System);
        using var host = BenchmarkHost.Build(database, dispatcher);
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        var insert = Stopwatch.StartNew();
        await ((TaskStore)host.Services.GetRequiredService<ITaskStore>()).InsertManyAsync(Definitions(count, i => MixedSchedule(i)), "bench", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"setup: {count:N0} definitions inserted in one transaction in {insert.Elapsed.TotalSeconds:0.00} s (not part of the figure)"));

        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var load = Stopwatch.StartNew();
        await host.Services.GetRequiredService<SchedulerEngine>().StartAsync(cancellationToken);
        load.Stop();
        var armed = await CountArmedAsync(host, cancellationToken);
        GC.Collect();
        var rss = Process.GetCurrentProcess().WorkingSet64;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"load: {count:N0} definitions read, scheduled and armed on the clock in {load.Elapsed.TotalSeconds:0.00} s (target <= 15 s); {armed:N0} triggers armed"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"load: resident memory {rss / 1048576.0:0} MB after load (before {before / 1048576.0:0} MB, peak {peak / 1048576.0:0} MB; target <= 500 MB)"));
    }

    private static async Task<int> CountArmedAsync(IHost host, CancellationToken cancellationToken)
    {
        var scheduler = await host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler(cancellationToken);
        return (await scheduler.GetTriggerKeys(Quartz.Impl.Matchers.GroupMatcher<Quartz.TriggerKey>.AnyGroup(), cancellationToken)).Count;
    }

    private static IEnumerable<TaskDefinition> Definitions(int count, Func<int, TaskDefinition> schedule) =>
        Enumerable.Range(1, count).Select(i => schedule(i) with { Tid = i, Name = $"bench_{i:D6}", Cmd = "true", RunOnHost = $"host-{i % 50:D2}" });

    /// <summary>A realistic mix: trigger times in several zones and masks, some crons, some calendars.</summary>
    private static TaskDefinition MixedSchedule(int i) => (i % 5) switch
    {
        0 => new TaskDefinition { Cron = $"{i % 60} */5 * * * *", Timezone = "UTC" },
        1 => new TaskDefinition { TriggerTimes = $"{i % 24:D2}:{i % 60:D2}", Timezone = "America/New_York", DayOfWeek = "1111100", Calendar = BuiltInCalendars.UsHolidays },
        2 => new TaskDefinition { TriggerTimes = $"{i % 24:D2}:{i % 60:D2},{(i + 12) % 24:D2}:00", Timezone = "Europe/London" },
        3 => new TaskDefinition { TriggerTimes = $"{i % 24:D2}:30", Timezone = "Asia/Tokyo", DayOfWeek = "0000011" },
        _ => new TaskDefinition { Cron = $"{i % 60} {i % 24} * * 1-5", Timezone = "US/Eastern" },
    };
}
