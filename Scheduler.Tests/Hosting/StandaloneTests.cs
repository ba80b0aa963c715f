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
    public async Task Standalone_LeavesNoRunRunning_WhenStoppedMidRun()
    {
        using var folder = new TempFolder();
        var server = await StartStandaloneAsync(folder.Path);
        using var forced = await server.Http.PostAsync("api/v1/tasks", new StringContent(
            """{"tid": 2, "name": "long", "cmd": "sleep 300", "run_on_host": "localhost"}""", System.Text.Encoding.UTF8, "application/json"));
        await server.Http.PostAsync("api/v1/tasks/long/run", null);
        var running = await server.WaitForRunAsync("long", r => r.Status is "RUNNING", TimeSpan.FromSeconds(30));
        var runs = (IRunStore)server.Services.GetService(typeof(IRunStore))!;

        await server.DisposeAsync();

        var after = await runs.FindAsync(running.RunId, CancellationToken.None);
        Assert.That(after!.Status.ToString().ToUpperInvariant(), Is.AnyOf("FAILED", "TERMINATED"), "stopped and recorded, not left RUNNING");
    }

    private static Task<RunningScheduler> StartStandaloneAsync(string folder) =>
        RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(folder, "data", "easytask.db")}",
            $"--{SchedulerHost.StandaloneKey}=true",
            "--EasyTask:Bus=inmemory",
            $"--EasyTask:Watch:Folder={Path.Combine(folder, "tasks")}",
            "--EasyTask:Watch:SettleTime=00:00:00.200",
            $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "data", "agent-logs")}",
            $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "data", "agent-journal")}");

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
