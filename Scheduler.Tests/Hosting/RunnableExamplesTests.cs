using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

/// <summary>
/// The examples under <c>deploy/examples/</c> are the ones the README tells a newcomer to use: they must be valid,
/// made to run on standalone as they are (localhost, the agent's own user, stdout in .out and stderr in .err), and run.
/// </summary>
[Category("Integration")]
internal sealed class RunnableExamplesTests
{
    private static string Examples => Path.Combine(RepositoryPaths.RepositoryRoot, "deploy", "examples");

    private static IEnumerable<TestCaseData> TaskFiles() =>
        Directory.EnumerateFiles(Path.Combine(Examples, "tasks"), "*.json").Order(StringComparer.Ordinal).Select(f => new TestCaseData(Path.GetFileName(f)));

    [TestCaseSource(nameof(TaskFiles))]
    public void Example_IsValidAndRunnableOnStandalone(string file)
    {
        var calendars = Directory.EnumerateFiles(Path.Combine(Examples, "calendars"), "*.json")
            .Select(p => CalendarDefinitionJson.Check(File.ReadAllText(p)).Value!.Name);
        var outcomes = TaskDefinitionValidator.CheckMany(File.ReadAllText(Path.Combine(Examples, "tasks", file)), new CalendarCatalog(calendars));

        Assert.That(outcomes.SelectMany(o => o.Errors).Select(e => $"{e.Field}: {e.Message}"), Is.Empty);
        foreach (var d in outcomes.Select(o => o.Value!))
        {
            Assert.That(d.RunOnHost, Is.EqualTo("localhost"), $"{d.Name}: standalone's agent answers to localhost");
            Assert.That(d.TaskOwner, Is.Null, $"{d.Name}: no foreign owner, so it runs as the agent's own user");
            Assert.That(d.Stdout, Does.EndWith(".out"), $"{d.Name}: stdout goes to a .out file");
            Assert.That(d.Stderr, Does.EndWith(".err"), $"{d.Name}: stderr goes to a .err file (not the other way round)");
        }
    }

    [Test]
    public async Task Examples_RunOnStandalone_WhenDroppedIntoTheWatchedFolder()
    {
        var root = Directory.CreateTempSubdirectory("easytask-examples-").FullName;
        try
        {
            var tasks = Path.Combine(root, "tasks");
            Directory.CreateDirectory(Path.Combine(tasks, "calendars"));
            foreach (var calendar in Directory.EnumerateFiles(Path.Combine(Examples, "calendars"), "*.json"))
            {
                File.Copy(calendar, Path.Combine(tasks, "calendars", Path.GetFileName(calendar)));
            }

            await using var server = await RunningScheduler.StartAsync(
                $"sqlite:{Path.Combine(root, "data", "easytask.db")}",
                $"--{SchedulerHost.StandaloneKey}=true",
                "--EasyTask:Bus=inmemory",
                $"--EasyTask:Watch:Folder={tasks}",
                "--EasyTask:Watch:SettleTime=00:00:00.200",
                $"--EasyTask:Agent:LogDirectory={Path.Combine(root, "data", "agent-logs")}",
                $"--EasyTask:Agent:JournalDirectory={Path.Combine(root, "data", "agent-journal")}");
            var files = Directory.GetFiles(Path.Combine(Examples, "tasks"), "*.json");
            foreach (var file in files)
            {
                File.Copy(file, Path.Combine(tasks, Path.GetFileName(file)));
            }

            await WaitUntilAsync(() => Directory.Exists(Path.Combine(tasks, "processed")) && Directory.GetFiles(Path.Combine(tasks, "processed"), "*.json").Length == files.Length
                || Rejected(tasks).Length > 0, TimeSpan.FromSeconds(30));
            Assert.That(Rejected(tasks), Is.Empty, () => string.Join("\n", Rejected(tasks).Select(File.ReadAllText)));

            foreach (var name in new[] { "hello", "task2_local", "Generate_Invoice", "Month_End_Report" })
            {
                var started = await CliRun.RunAsync("task", "run", name, "--server", server.Url);
                Assert.That(started.ExitCode, Is.Zero, started.ToString());
            }

            var hello = await server.WaitForRunAsync("hello", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", TimeSpan.FromSeconds(30));
            var task2 = await server.WaitForRunAsync("task2_local", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", TimeSpan.FromSeconds(30));
            var mailed = await server.WaitForRunAsync("Send_Email_Invoice", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", TimeSpan.FromSeconds(30));
            var failing = await server.WaitForRunAsync("Month_End_Report", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", TimeSpan.FromSeconds(30));

            Assert.That((hello.Status, task2.Status, mailed.Status), Is.EqualTo(("SUCCESS", "SUCCESS", "SUCCESS")), "Send_Email_Invoice runs after Generate_Invoice succeeds");
            Assert.That((failing.Status, failing.Reason, failing.ReturnCode), Is.EqualTo(("FAILED", (string?)"exit_code", (int?)3)));
            Assert.That(File.ReadAllText(Path.Combine(root, "data", "agent-logs", "task2_local.out")), Does.Contain("total"), "ls -l output lands in task2_local.out");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static string[] Rejected(string tasks) =>
        Directory.Exists(Path.Combine(tasks, "rejected")) ? Directory.GetFiles(Path.Combine(tasks, "rejected")) : [];

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!condition() && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(100);
        }
    }
}
