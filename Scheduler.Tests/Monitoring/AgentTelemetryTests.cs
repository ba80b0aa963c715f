using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Monitoring;

/// <summary>
/// Telemetry of a run attempt on a real standalone scheduler (its in-process agent runs a real process, the bus is
/// MassTransit's in-memory transport): the agent's own metrics, and one trace from the scheduler through the bus to the agent.
/// </summary>
[Category("Integration")]
internal sealed class AgentTelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ConcurrentQueue<Activity> activities = new();
    private string folder = "";
    private ActivityListener listener = null!;
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // What an OTLP exporter would be handed: every MassTransit activity this process records.
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        folder = Directory.CreateTempSubdirectory("easytask-telemetry-").FullName;
        server = await RunningScheduler.StartAsync(
            await TestDatabases.CreateAsync(TestDatabases.Sqlite),
            $"--{SchedulerHost.StandaloneKey}=true",
            "--EasyTask:Bus=inmemory",
            $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "logs")}",
            $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "journal")}");
        using var added = await server.Http.PostAsync("api/v1/tasks", new StringContent(
            """{"tid": 51, "name": "traced", "cmd": "echo traced output", "run_on_host": "localhost"}""", Encoding.UTF8, "application/json"));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await server.DisposeAsync();
        listener.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAttempt_IsOneTrace_FromTheSchedulersSendThroughTheBusToTheAgentsConsume()
    {
        using var forced = await server.Http.PostAsync("api/v1/tasks/traced/run", null);
        var run = await RunningScheduler.ReadAsync<RunResource>(forced);
        await server.WaitForRunAsync("traced", r => r.RunId == run.RunId && r.Status == "SUCCESS", Patience);

        var runTask = activities.Where(a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains("RunTask", StringComparison.Ordinal) == true)).ToList();
        var sent = runTask.Where(a => a.Kind == ActivityKind.Producer).Select(a => a.TraceId).ToHashSet();
        var consumed = runTask.Where(a => a.Kind == ActivityKind.Consumer).Select(a => a.TraceId).ToHashSet();

        Assert.That(sent, Is.Not.Empty, "the scheduler's send of RunTask is traced");
        Assert.That(sent.Intersect(consumed), Is.Not.Empty, "the agent's consume of RunTask continues the scheduler's trace");
    }

    [Test]
    public async Task Metrics_ShowTheAgentsSpawnTimeAndOutputBytes_AfterARun()
    {
        using var forced = await server.Http.PostAsync("api/v1/tasks/traced/run", null);
        var run = await RunningScheduler.ReadAsync<RunResource>(forced);
        await server.WaitForRunAsync("traced", r => r.RunId == run.RunId && r.Status == "SUCCESS", Patience);

        var lines = (await server.Http.GetStringAsync("metrics")).Split('\n');

        Assert.That(lines.Any(l => l.StartsWith("easytask_agent_spawn_seconds_count", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)), Is.True, "spawn time histogram");
        Assert.That(lines.Any(l => l.StartsWith("easytask_agent_output_bytes", StringComparison.Ordinal) && l.Contains("stream=\"stdout\"", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)), Is.True, "output bytes");
        Assert.That(lines.Any(l => l.StartsWith("easytask_agent_runs_running", StringComparison.Ordinal)), Is.True, "running gauge");
    }
}
