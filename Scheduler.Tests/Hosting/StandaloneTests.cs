using System.Globalization;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

/// <summary>The standalone shape: a definition dropped into the watched folder runs on the in-process agent.</summary>
[Category("Integration")]
internal sealed class StandaloneTests
{
    [Test]
    public async Task Standalone_RunsADroppedDefinitionOnTheLocalAgent_AndMovesItToProcessed()
    {
        using var folder = new TempFolder();
        await using var server = await StartStandaloneAsync(folder.Path);
        var due = TimeProvider.System.GetUtcNow().AddSeconds(4);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} * * *");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "tasks", "hello.json"),
            $$"""{"tid": 1, "name": "hello", "cmd": "echo hello from standalone", "run_on_host": "localhost", "cron": "{{cron}}", "stdout": "hello.out"}""");

        var run = await server.WaitForRunAsync("hello", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", TimeSpan.FromSeconds(40));

        Assert.That((run.Status, run.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)));
        Assert.That(Directory.GetFiles(Path.Combine(folder.Path, "tasks", "processed"), "hello.*.json"), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "data", "agent-logs", "hello.out")), Is.EqualTo("hello from standalone\n"));
        using var ready = await server.Http.GetAsync("health/ready");
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("inmemory connected"));
    }

    [Test]
    public async Task Standalone_RecordsRunTerminatedShutdownWithoutRetry_WhenStoppedMidRun()
    {
        using var folder = new TempFolder();
        var server = await StartStandaloneAsync(folder.Path);
        using var forced = await server.Http.PostAsync("api/v1/tasks", new StringContent(
            """{"tid": 2, "name": "long", "cmd": "sleep 300", "run_on_host": "localhost", "retry_attempts": 2}""", System.Text.Encoding.UTF8, "application/json"));
        await server.Http.PostAsync("api/v1/tasks/long/run", null);
        var running = await server.WaitForRunAsync("long", r => r.Status is "RUNNING", TimeSpan.FromSeconds(30));
        var runs = (IRunStore)server.Services.GetService(typeof(IRunStore))!;

        await server.DisposeAsync();

        var after = await runs.FindAsync(running.RunId, CancellationToken.None);
        Assert.That((after!.Status.ToString().ToUpperInvariant(), after.Reason, after.Attempt), Is.EqualTo(("TERMINATED", (string?)"shutdown", 1)),
            "a planned stop is recorded TERMINATED (shutdown), not FAILED agent_lost, and uses up no retry");
    }

    [Test]
    public async Task Standalone_ShowsErrorOutputAndReturnCode_AndLogsEachMilestoneOnceInOrder_WhenForcedRunFails()
    {
        using var folder = new TempFolder();
        var logs = Path.Combine(folder.Path, "data", "logs");
        await using var server = await StartStandaloneAsync(folder.Path, "--Serilog:MinimumLevel:Default=Information", $"--EasyTask:Logging:File={Path.Combine(logs, "easytask.log")}");
        using var inserted = await server.Http.PostAsync("api/v1/tasks", new StringContent(
            """{"tid": 3, "name": "broken", "cmd": "echo partial; echo disk full >&2; exit 3", "run_on_host": "localhost"}""", System.Text.Encoding.UTF8, "application/json"));
        using var forced = await server.Http.PostAsync("api/v1/tasks/broken/run", null);

        var run = await server.WaitForRunAsync("broken", r => r.Status is "FAILED", TimeSpan.FromSeconds(30));
        var show = await CliRun.RunAsync("run", "show", run.RunId, "--server", server.Url);
        var log = ReadShared(Directory.GetFiles(logs, "easytask*.log").Single());

        Assert.That(show.Output, Does.Contain("Last stderr:").And.Contain("  disk full"), show.ToString());
        Assert.That(run.Events!.Last(e => e.To == "FAILED").Detail, Does.StartWith("return code 3"), "the final event carries the return code");
        Assert.That(run.Host, Is.EqualTo("localhost"), "the run keeps the host its task asked for");
        var triggered = log.IndexOf($"Task Triggered: run {run.RunId} task broken host localhost", StringComparison.Ordinal);
        var dispatched = log.IndexOf($"Task Dispatched: run {run.RunId}", StringComparison.Ordinal);
        var received = log.IndexOf($"Task Received: run {run.RunId}", StringComparison.Ordinal);
        Assert.That(triggered, Is.GreaterThanOrEqualTo(0), log);
        Assert.That(log[triggered..].Split('\n')[0], Does.Contain("by operator: force-start requested by"));
        Assert.That((triggered < dispatched, dispatched < received), Is.EqualTo((true, true)), log);
        Assert.That(log[received..].Split('\n')[0], Does.Contain($"host localhost (agent {Environment.MachineName})").Or.Contain("host localhost"), "agent lines name the requested host and the agent");
    }

    [Test]
    public async Task Standalone_RunsTheLateRunOnTheFirstSend_WhenRestartedAfterAMiss()
    {
        using var folder = new TempFolder();
        var logs = Path.Combine(folder.Path, "data", "logs");
        string[] logging = ["--Serilog:MinimumLevel:Default=Information", $"--EasyTask:Logging:File={Path.Combine(logs, "easytask.log")}"];
        var due = TimeProvider.System.GetUtcNow().AddSeconds(3);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} * * *");
        var first = await StartStandaloneAsync(folder.Path, logging);
        using (var inserted = await first.Http.PostAsync("api/v1/tasks", new StringContent(
            $$"""{"tid": 4, "name": "nightly", "cmd": "echo late", "run_on_host": "localhost", "cron": "{{cron}}"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.That(inserted.IsSuccessStatusCode, Is.True);
        }

        await first.DisposeAsync();
        await Task.Delay(due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(1));
        await using var second = await StartStandaloneAsync(folder.Path, logging);

        var run = await second.WaitForRunAsync("nightly", r => r.Status is "SUCCESS" or "FAILED", TimeSpan.FromSeconds(30));
        var log = string.Join("\n", Directory.GetFiles(logs, "easytask*.log").Select(ReadShared));

        Assert.That(run.Status, Is.EqualTo("SUCCESS"));
        Assert.That(log, Does.Contain($"Task Triggered: run {run.RunId} task nightly host localhost scheduled for").And.Contain("by scheduler (missed-run recovery): late run: due"));
        Assert.That(log, Does.Not.Contain($"Task Dispatched: run {run.RunId} task nightly host localhost attempt 1 (sent again"), "the local agent was up for the first send");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Task<RunningScheduler> StartStandaloneAsync(string folder, params string[] extra) =>
        RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(folder, "data", "easytask.db")}",
            [
                $"--{SchedulerHost.StandaloneKey}=true",
                "--EasyTask:Bus=inmemory",
                $"--EasyTask:Watch:Folder={Path.Combine(folder, "tasks")}",
                "--EasyTask:Watch:SettleTime=00:00:00.200",
                $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "data", "agent-logs")}",
                $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "data", "agent-journal")}",
                .. extra,
            ]);

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("easytask-standalone-").FullName;

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path, recursive: true);
        }
    }
}
