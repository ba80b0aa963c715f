using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>Results are acknowledged to the broker only once committed: a scheduler killed mid-batch loses and doubles nothing.</summary>
[Category("Integration")]
[NonParallelizable]
internal sealed class SchedulerCrashTests
{
    private const int Runs = 300;

    [TestCase(TestDatabases.Sqlite)]
    [TestCase(TestDatabases.Postgres)]
    public async Task EveryFinishedRun_IsRecordedExactlyOnce_WhenTheSchedulerIsKilledMidBatch(string provider)
    {
        var broker = await RabbitMqServer.GetAsync();
        var folder = Directory.CreateTempSubdirectory("easytask-crash-");
        var database = await TestDatabases.CreateAsync(provider);
        var agentName = $"crash-{Guid.NewGuid():N}"[..16];
        string[] quick = ["--EasyTask:Dispatch:AcknowledgeTimeout=00:00:03", "--EasyTask:Dispatch:WatchInterval=00:00:01"];
        await using var agent = await RunningAgent.StartAsync(agentName, await broker.AgentUrlAsync(agentName), folder.FullName);
        var first = await SchedulerProcess.StartAsync(database, broker.AmqpUrl, quick);
        try
        {
            var json = $$"""{"tid": 77001, "name": "crash_burst", "cmd": "true", "run_on_host": "{{agentName}}", "trigger_times": "03:00", "timezone": "UTC", "concurrency": "allow"}""";
            using (var created = await first.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json")))
            {
                Assert.That(created.IsSuccessStatusCode, Is.True, await created.Content.ReadAsStringAsync());
            }

            await Task.WhenAll(Enumerable.Range(0, Runs).Select(async _ =>
            {
                using var started = await first.Http.PostAsync("api/v1/tasks/crash_burst/run", null);
                Assert.That(started.IsSuccessStatusCode, Is.True);
            }));

            // Kill it while results stream in: some recorded, some in the batch being written, some still queued.
            await WaitAsync(first.Http, runs => runs.Count(r => r.Status == "SUCCESS") >= Runs / 5, TimeSpan.FromSeconds(120));
            first.Crash();
        }
        finally
        {
            first.Dispose();
        }

        using var second = await SchedulerProcess.StartAsync(database, broker.AmqpUrl, quick);
        var all = await WaitAsync(second.Http, runs => runs.Count == Runs && runs.All(r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED"), TimeSpan.FromSeconds(240));

        Assert.That(all.Select(r => (r.Status, r.Attempt)).Distinct(), Is.EqualTo(new[] { ("SUCCESS", 1) }), "every run finished once, on its first attempt");
        foreach (var run in all)
        {
            var shown = await second.Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options);
            Assert.That(shown!.Events!.Count(e => e.To == "SUCCESS"), Is.EqualTo(1), $"run {run.RunId} has its result recorded exactly once");
            Assert.That(shown.Events!.Count(e => e.To == "RUNNING"), Is.LessThanOrEqualTo(1), $"run {run.RunId} started once");

            // A success's timeline rows are committed with its status: a kill right after that commit cannot lose them.
            var timeline = await second.Http.GetFromJsonAsync<List<TimelineEventResource>>($"api/v1/runs/{run.RunId}/timeline", ApiJson.Options);
            Assert.That(timeline!.Count(e => e.Type == "run_completed"), Is.EqualTo(1), $"run {run.RunId} shows its completion once");
        }
    }

    private static async Task<List<RunResource>> WaitAsync(HttpClient http, Func<List<RunResource>, bool> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        List<RunResource> runs = [];
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            runs = await http.GetFromJsonAsync<List<RunResource>>("api/v1/runs?task=crash_burst&limit=10000", ApiJson.Options) ?? [];
            if (condition(runs))
            {
                return runs;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"runs did not reach the expected state within {timeout}: {string.Join(", ", runs.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"))}");
        throw new InvalidOperationException("unreachable");
    }
}
