using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Monitoring;

/// <summary>
/// The per-host circuit breaker on a real scheduler whose agent (standalone, in-process) really fails to start
/// processes, over real SQLite and PostgreSQL; and the breaker surviving a restart of the scheduler.
/// </summary>
[Category("Integration")]
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
internal sealed class CircuitBreakerEndToEndTests(string provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private string folder = "";
    private string database = "";
    private RunningScheduler server = null!;

    [SetUp]
    public async Task StartAsync()
    {
        folder = Directory.CreateTempSubdirectory("easytask-breaker-").FullName;
        database = await TestDatabases.CreateAsync(provider);
        server = await StartServerAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task FiveSpawnFailuresOnAHost_OpenItsBreaker_ShownInHealth_AndKeptAcrossARestart()
    {
        var missing = Path.Combine(folder, "no-such-directory");
        await AddTaskAsync($$"""{"tid": 41, "name": "bad_dir", "cmd": "true", "run_on_host": "localhost", "working_dir": "{{missing}}"}""");

        var failed = new List<RunResource>();
        for (var i = 0; i < 5; i++)
        {
            var run = await ForceAsync("bad_dir");
            failed.Add(await WaitForAsync(run.RunId, r => r.Status == "FAILED"));
        }

        var breakers = await BreakersAsync();
        var timeline = await server.Http.GetFromJsonAsync<List<TimelineEventResource>>($"api/v1/runs/{failed[^1].RunId}/timeline", ApiJson.Options);
        Assert.That(failed.Select(r => (r.Reason, r.Attempt)), Is.All.EqualTo(("dispatch_failed", 1)), "permanent: never retried");
        Assert.That(breakers.Select(b => (b["host"]!.GetValue<string>(), b["state"]!.GetValue<string>(), b["consecutive_failures"]!.GetValue<int>())),
            Is.EqualTo(new[] { ("localhost", "open", 5) }));
        Assert.That(timeline!.Where(e => e.Type == "circuit_breaker_opened").Select(e => e.Severity), Is.EqualTo(new[] { "critical" }));

        await server.DisposeAsync();
        server = await StartServerAsync();
        var after = await BreakersAsync();
        using var retry = await server.Http.PostAsync($"api/v1/runs/{failed[0].RunId}/retry", null);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        // Stored to the millisecond.
        Assert.That(after.Select(b => (b["host"]!.GetValue<string>(), b["state"]!.GetValue<string>(), b["opened_at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds())),
            Is.EqualTo(new[] { ("localhost", "open", breakers[0]["opened_at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds()) }), "still open after the restart, from the same moment");
        var held = await server.WaitForRunAsync("bad_dir", r => r.RunId == failed[0].RunId && r.WaitingFor?.Contains("circuit breaker", StringComparison.Ordinal) == true, Patience);
        Assert.That((held.Status, held.Attempt), Is.EqualTo(("ACTIVE", 2)), "the retry waits for the breaker instead of burning an attempt");
    }

    private Task<RunningScheduler> StartServerAsync() => RunningScheduler.StartAsync(
        database,
        $"--{SchedulerHost.StandaloneKey}=true",
        "--EasyTask:Bus=inmemory",
        $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "logs")}",
        $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "journal")}");

    private async Task<List<JsonNode>> BreakersAsync()
    {
        var health = JsonNode.Parse(await server.Http.GetStringAsync("api/v1/monitoring/health"))!;
        return health["circuit_breakers"]!.AsArray().Select(b => b!).ToList();
    }

    private async Task AddTaskAsync(string definition)
    {
        using var added = await server.Http.PostAsync("api/v1/tasks", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
    }

    private async Task<RunResource> ForceAsync(string task)
    {
        using var forced = await server.Http.PostAsync($"api/v1/tasks/{task}/run", null);
        Assert.That(forced.IsSuccessStatusCode, Is.True, await forced.Content.ReadAsStringAsync());
        return await RunningScheduler.ReadAsync<RunResource>(forced);
    }

    private async Task<RunResource> WaitForAsync(string runId, Func<RunResource, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var run = (await server.Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{runId}", ApiJson.Options, deadline.Token))!;
            if (condition(run))
            {
                return run;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
