using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

internal static partial class SchedulingBenchmark
{
    /// <summary>K tasks whose cron names the same second: the real clock fires them all; how long until every run is created and in TRIGGER?</summary>
    private static async Task SameSecondAsync(string database, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var dispatcher = new CountingDispatcher(TimeProvider.System);
        using var host = BenchmarkHost.Build(database, dispatcher);
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        var due = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 6);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} * * *");
        await ((TaskStore)host.Services.GetRequiredService<ITaskStore>()).InsertManyAsync(
            Definitions(count, _ => new TaskDefinition { Cron = cron, Timezone = "UTC" }), "bench", cancellationToken);
        await host.StartAsync(cancellationToken);

        var deadline = due.AddSeconds(30);
        while (dispatcher.Dispatched.Count < count && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }

        var latencies = dispatcher.Dispatched.Select(d => (d.At - due).TotalMilliseconds).Order().ToList();
        var runs = await host.Services.GetRequiredService<IRunStore>().ListAsync(new RunQuery(Statuses: [RunStatus.Trigger], Limit: count * 2), cancellationToken);
        await host.StopAsync(cancellationToken);
        if (latencies.Count == 0)
        {
            await output.WriteLineAsync($"burst: no run reached TRIGGER within 30 s of the due second");
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"burst: {latencies.Count:N0} of {count:N0} occurrences due at the same second became runs in TRIGGER ({runs.Count:N0} rows in the database)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"burst: from the due second to run in TRIGGER: first {latencies[0]:0} ms, p50 {Percentile(latencies, 0.50):0} ms, p99 {Percentile(latencies, 0.99):0} ms, last {latencies[^1]:0} ms (target: all within 1000 ms)"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
