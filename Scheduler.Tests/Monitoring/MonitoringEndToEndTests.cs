using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Monitoring;

/// <summary>
/// The monitoring issue's "done when", on a real scheduler (standalone: in-process agent running real processes)
/// over real SQLite and PostgreSQL, with a real webhook receiver.
/// </summary>
[Category("Integration")]
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
internal sealed class MonitoringEndToEndTests(string provider)
{
    private const string Secret = "s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private string folder = "";
    private WebhookReceiver hooks = null!;
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        folder = Directory.CreateTempSubdirectory("easytask-monitoring-").FullName;
        hooks = await WebhookReceiver.StartAsync();
        server = await RunningScheduler.StartAsync(
            await TestDatabases.CreateAsync(provider),
            $"--{SchedulerHost.StandaloneKey}=true",
            "--EasyTask:Bus=inmemory",
            $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "logs")}",
            $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "journal")}",
            "--EasyTask:Alerts:Channels:hook:Type=webhook",
            $"--EasyTask:Alerts:Channels:hook:Url={hooks.Url}",
            $"--EasyTask:Alerts:Channels:hook:Secret={Secret}",
            "--EasyTask:Alerts:CheckInterval=00:00:00.250",
            "--EasyTask:Alerts:DeliveryInterval=00:00:00.250");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await server.DisposeAsync();
        await hooks.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task FailingTask_LeavesFullTimeline_IsOnFailedList_RetriesByHand_AndAlertsOnceSigned()
    {
        var run = await ForceAsync("""{"tid": 11, "name": "always_fails", "cmd": "echo attempt $EASYTASK_ATTEMPT; exit 3", "run_on_host": "localhost", "retry_attempts": 2, "retry_delay": 1}""");

        var failed = await server.WaitForRunAsync("always_fails", r => r.Status == "FAILED", Patience);
        var types = await TypesWhenAsync(run.RunId, "moved_to_failed_list");
        var list = await server.Http.GetFromJsonAsync<List<FailedRunResource>>("api/v1/failed-runs?task=always_fails", ApiJson.Options);

        Assert.That(failed.Attempt, Is.EqualTo(3));
        Assert.That(types.Count(t => t == "attempt_failed"), Is.EqualTo(3));
        Assert.That(types.Count(t => t == "run_retried"), Is.EqualTo(2));
        Assert.That(types.Count(t => t == "run_failed"), Is.EqualTo(1));
        Assert.That(types.Count(t => t == "moved_to_failed_list"), Is.EqualTo(1));
        Assert.That(list!.Select(f => (f.RunId, f.Attempts, f.ErrorClass)), Is.EqualTo(new[] { (run.RunId, 3, (string?)"retryable") }));

        using var retry = await server.Http.PostAsync($"api/v1/failed-runs/{run.RunId}/retry", null);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await server.WaitForRunAsync("always_fails", r => r.Attempt == 4 && r.Status == "FAILED", Patience);
        var attempts = await server.Http.GetFromJsonAsync<List<AttemptResource>>($"api/v1/runs/{run.RunId}/attempts", ApiJson.Options);
        Assert.That(attempts!.Select(a => (a.Attempt, a.ReturnCode)), Is.EqualTo(new[] { (1, (int?)3), (2, 3), (3, 3), (4, 3) }));

        var alerts = await AlertsForAsync(run.RunId, "failed", minimum: 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        alerts = await AlertsForAsync(run.RunId, "failed", minimum: 1);
        Assert.That(alerts, Has.Count.EqualTo(1), "one failed alert per run, even after it failed again");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(alerts[0].Body)));
        Assert.That(alerts[0].Signature, Is.EqualTo(expected));
        Assert.That(await TypesWhenAsync(run.RunId, "alert_sent"), Does.Contain("alert_sent"));
    }

    [Test]
    public async Task Exit127_IsNotRetried_AndIsPermanent()
    {
        var run = await ForceAsync("""{"tid": 12, "name": "no_such_command", "cmd": "definitely-not-a-command-xyz", "run_on_host": "localhost", "retry_attempts": 2}""");

        var done = await server.WaitForRunAsync("no_such_command", r => r.Status == "FAILED", Patience);
        var attempts = await server.Http.GetFromJsonAsync<List<AttemptResource>>($"api/v1/runs/{run.RunId}/attempts", ApiJson.Options);

        Assert.That((done.Attempt, done.ReturnCode), Is.EqualTo((1, (int?)127)));
        Assert.That(attempts!.Single().ErrorClass, Is.EqualTo("permanent"));
        Assert.That(await TypesWhenAsync(run.RunId, "moved_to_failed_list"), Does.Not.Contain("run_retried"));
    }

    [Test]
    public async Task LateAndLongRunningTasks_EachRaiseTheirAlert()
    {
        var late = await ForceAsync("""{"tid": 13, "name": "never_starts", "cmd": "true", "run_on_host": "no-agent-here", "late_after": 1}""");
        var slow = await ForceAsync("""{"tid": 14, "name": "takes_long", "cmd": "sleep 4", "run_on_host": "localhost", "expected_duration": 1}""");

        Assert.That(await AlertsForAsync(late.RunId, "late", minimum: 1), Has.Count.EqualTo(1));
        Assert.That(await AlertsForAsync(slow.RunId, "long_running", minimum: 1), Has.Count.EqualTo(1));
        using var refused = await server.Http.PostAsync($"api/v1/runs/{late.RunId}/retry", null);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a run that is not final cannot be retried");
    }

    [Test]
    public async Task Metrics_HealthAndOpenApi_DescribeWhatRan()
    {
        await ForceAsync("""{"tid": 16, "name": "quick", "cmd": "true", "run_on_host": "localhost"}""");
        await server.WaitForRunAsync("quick", r => r.Status == "SUCCESS", Patience);
        var metrics = "";
        var watch = Stopwatch.StartNew();
        while (!metrics.Split('\n').Any(l => l.StartsWith("easytask_agents_alive{", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)) && watch.Elapsed < Patience)
        {
            // The gauges are sampled in the background every few seconds: the first sample may predate the agent's first
            // heartbeat, when the run was quicker than the sampler.
            await Task.Delay(500);
            metrics = await server.Http.GetStringAsync("metrics");
        }

        var health = JsonNode.Parse(await server.Http.GetStringAsync("api/v1/monitoring/health"))!;
        var openApi = JsonNode.Parse(await server.Http.GetStringAsync("openapi/v1.json"))!;
        var reference = await server.Http.GetAsync("api/reference/index.html");

        foreach (var name in new[] { "easytask_runs_started_total", "easytask_runs_finished_total", "easytask_run_duration_seconds_count", "easytask_schedule_lag_seconds_count", "easytask_agents_alive" })
        {
            Assert.That(metrics.Split('\n').Any(l => l.StartsWith(name + "{", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)), Is.True, $"{name} with a non-zero value");
        }

        Assert.That(metrics, Does.Contain("easytask_queue_depth"));
        Assert.That(metrics, Does.Not.Contain("run_id"));
        Assert.That(health["agents_alive"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        Assert.That(health["circuit_breakers"]!.AsArray(), Is.Empty);
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/runs/{runId}/timeline", "/api/v1/runs/{runId}/attempts", "/api/v1/runs/{runId}/retry", "/api/v1/failed-runs",
            "/api/v1/failed-runs/{runId}/retry", "/api/v1/failed-runs/{runId}/dismiss", "/api/v1/alerts", "/api/v1/monitoring/health", "/api/v1/stream",
        }));
        Assert.That(reference.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<RunResource> ForceAsync(string definition)
    {
        using var inserted = await server.Http.PostAsync("api/v1/tasks", Json(definition));
        Assert.That(inserted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await inserted.Content.ReadAsStringAsync());
        var name = JsonNode.Parse(definition)!["name"]!.GetValue<string>();
        using var forced = await server.Http.PostAsync($"api/v1/tasks/{name}/run", null);
        return await RunningScheduler.ReadAsync<RunResource>(forced);
    }

    /// <summary>The run's event types once <paramref name="type"/> is among them (monitoring writes right after the status move).</summary>
    private async Task<List<string>> TypesWhenAsync(string runId, string type)
    {
        var watch = Stopwatch.StartNew();
        var types = await TypesAsync(runId);
        while (!types.Contains(type) && watch.Elapsed < Patience)
        {
            await Task.Delay(100);
            types = await TypesAsync(runId);
        }

        return types;
    }

    private async Task<List<string>> TypesAsync(string runId) =>
        (await server.Http.GetFromJsonAsync<List<TimelineEventResource>>($"api/v1/runs/{runId}/timeline", ApiJson.Options))!.Select(e => e.Type).ToList();

    /// <summary>The webhook deliveries of one run and kind, waiting until at least <paramref name="minimum"/> arrived.</summary>
    private async Task<List<(string Body, string? Signature)>> AlertsForAsync(string runId, string kind, int minimum)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var matching = hooks.Received.Where(r =>
            {
                var body = JsonNode.Parse(r.Body)!;
                return body["run_id"]?.GetValue<string>() == runId && body["kind"]!.GetValue<string>() == kind;
            }).ToList();
            if (matching.Count >= minimum || watch.Elapsed > Patience)
            {
                return matching;
            }

            await Task.Delay(100);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
