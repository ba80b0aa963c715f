using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

/// <summary>The real thing: a running <c>easytask serve</c> fires a task inserted a few seconds before its time.</summary>
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class ServeFiresTaskTests(string provider)
{
    [Test]
    public async Task Serve_CreatesOneTriggeredRunAtItsTime_WhenTaskIsInsertedSecondsAhead()
    {
        await using var server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));
        var due = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 4);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} * * *");
        var definition = SampleDefinitions.Task(301, "fires_soon").Replace("\"trigger_times\": \"08:30\"", $"\"cron\": \"{cron}\"", StringComparison.Ordinal)
            .Replace("America/New_York", "UTC", StringComparison.Ordinal).Replace("1111100", "1111111", StringComparison.Ordinal);
        using var inserted = await server.Http.PostAsync("api/v1/tasks", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.That(inserted.IsSuccessStatusCode, Is.True, await inserted.Content.ReadAsStringAsync());

        var runs = await WaitForRunsAsync(server, "fires_soon", due.AddSeconds(15));
        var before = TimeProvider.System.GetUtcNow();

        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(runs[0].Status, Is.EqualTo("TRIGGER"));
        Assert.That(runs[0].ScheduledFor, Is.EqualTo(due));
        // Made its dispatch lead (EasyTask:Scheduler:DispatchLead, 100 ms) ahead, for the agent to start it at the instant.
        Assert.That(runs[0].CreatedAt, Is.GreaterThanOrEqualTo(due.AddMilliseconds(-100)).And.LessThan(due.AddSeconds(2)), "created at its time less the dispatch lead, not before, not much after");
        var shown = await server.Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{runs[0].RunId}", ApiJson.Options);
        Assert.That(shown!.Events!.Select(e => $"{e.From ?? "-"}->{e.To}"), Is.EqualTo(new[] { "-->ACTIVE", "ACTIVE->TRIGGER" }));
        Assert.That(before, Is.LessThan(due.AddSeconds(15)));
    }

    private static async Task<List<RunResource>> WaitForRunsAsync(RunningScheduler server, string task, DateTimeOffset deadline)
    {
        while (true)
        {
            var runs = await server.Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={task}", ApiJson.Options) ?? [];
            if (runs.Any(r => r.Status != "ACTIVE") || TimeProvider.System.GetUtcNow() > deadline)
            {
                // A moment more, so a duplicate run (the bug this guards against) would show up too.
                await Task.Delay(500);
                return await server.Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={task}", ApiJson.Options) ?? [];
            }

            await Task.Delay(200);
        }
    }
}
