using System.Text.RegularExpressions;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Cli;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Cli;

/// <summary>What a newcomer hit in the CLI in the first hour (issue 14): every verb against a real <c>serve</c> host.</summary>
[TestFixture]
[Category("Integration")]
internal sealed partial class FirstHourCliTests
{
    private RunningScheduler server = null!;
    private DirectoryInfo folder = null!;
    private string runId = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));
        folder = Directory.CreateTempSubdirectory("easytask-firsthour-");
        await Cli("task", "insert", Write("fh_base.json", SampleDefinitions.Task(1401, "fh_base")));

        // No agent serves this host in a test, so the run stays in TRIGGER on attempt 1: enough for logs, times and list.
        var started = await Cli("task", "run", "fh_base", "--json");
        runId = Regex.Match(started.Output, "\"run_id\":\\s*\"([^\"]+)\"").Groups[1].Value;
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await server.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private static IEnumerable<TestCaseData> BadValues()
    {
        // args, the exit code the user should get, a word the message must carry
        yield return new TestCaseData(new[] { "runs", "--status", "BOGUS" }, 2, "status");
        yield return new TestCaseData(new[] { "runs", "--since", "2w" }, 2, "since");
        yield return new TestCaseData(new[] { "runs", "--limit", "0" }, 2, "limit");
        yield return new TestCaseData(new[] { "runs", "--watch", "--interval", "0" }, 2, "interval");
        yield return new TestCaseData(new[] { "task", "explain", "fh_base", "--at", "garbage" }, 2, "at");
        yield return new TestCaseData(new[] { "task", "forecast", "fh_base", "--from", "garbage" }, 2, "from");
        yield return new TestCaseData(new[] { "task", "forecast", "fh_base", "--days", "0" }, 2, "days");
        yield return new TestCaseData(new[] { "task", "show", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "list", "--server", "ftp://nowhere" }, 2, "--server");
        yield return new TestCaseData(new[] { "task", "delete", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "activate", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "deactivate", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "hold", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "release", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "run", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "explain", "fh_missing" }, 1, "fh_missing");
        yield return new TestCaseData(new[] { "task", "insert", "/nonexistent/fh.json" }, 2, "cannot read");
        yield return new TestCaseData(new[] { "task", "update", "/nonexistent/fh.json" }, 2, "cannot read");
        yield return new TestCaseData(new[] { "task", "validate", "/nonexistent/fh.json" }, 2, "fh.json");
        yield return new TestCaseData(new[] { "run", "show", "fh-no-run" }, 1, "fh-no-run");
        yield return new TestCaseData(new[] { "run", "kill", "fh-no-run" }, 1, "fh-no-run");
        yield return new TestCaseData(new[] { "run", "logs", "fh-no-run" }, 1, "fh-no-run");
        yield return new TestCaseData(new[] { "calendar", "show", "FH_MISSING" }, 1, "FH_MISSING");
        yield return new TestCaseData(new[] { "calendar", "delete", "FH_MISSING" }, 1, "FH_MISSING");
        yield return new TestCaseData(new[] { "calendar", "insert", "/nonexistent/cal.json" }, 2, "cal.json");
    }

    [TestCaseSource(nameof(BadValues))]
    public async Task EveryVerb_PrintsMessageWithoutStackTrace_WhenValueIsBad(string[] args, int exit, string named)
    {
        var run = await Cli(args);

        Assert.That(run.Error + run.Output, Does.Not.Contain("Unhandled exception").And.Not.Match(@"\n\s+at [\w.]+\("), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(exit), run.ToString());
        Assert.That(run.Error + run.Output, Does.Contain(named), run.ToString());
    }

    [Test]
    public async Task Runs_PrintsServerMessageAndExits2_WhenStatusIsUnknown()
    {
        var run = await Cli("runs", "--status", "BOGUS");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("error: status: \"BOGUS\" is not a status"));
    }

    [Test]
    public async Task Explain_ReadsAtInTasksZone_WhenItHasNoOffset()
    {
        // 2026-12-07 is a Monday; read as UTC it would be Sunday evening in New York, a day the task does not run.
        var run = await Cli("task", "explain", "fh_base", "--at", "2026-12-07");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("2026-12-07 08:30").And.Not.Contain("2026-12-06"), run.ToString());
    }

    [Test]
    public async Task RunLogs_SaysAttemptDoesNotExistAndExits1_WhenAttemptIsBeyondTheRun()
    {
        var run = await Cli("run", "logs", runId, "--attempt", "5");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain($"run {runId} has no attempt 5: it has 1 attempt"));
    }

    [Test]
    public async Task RunsAndRunShow_ShowLocalTimeWithOffset_AndUtcWhenAsked()
    {
        var local = await Cli("runs", "--task", "fh_base");
        var utc = await Cli("runs", "--task", "fh_base", "--utc");
        var show = await Cli("run", "show", runId);

        Assert.That(local.Output, Does.Match(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d"), local.ToString());
        Assert.That(utc.Output, Does.Match(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ").And.Not.Match(@":\d\d [+-]\d\d:\d\d"), utc.ToString());
        Assert.That(show.Output, Does.Match(@"Scheduled:\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d"), show.ToString());
    }

    [Test]
    public async Task TaskList_ShowsLastRunAndNextRun()
    {
        var list = await Cli("task", "list");

        Assert.That(list.Output, Does.Contain("LAST RUN").And.Contain("NEXT RUN"), list.ToString());
        Assert.That(list.Output, Does.Match(@"1401\s+fh_base\s+.*TRIGGER \d{4}-\d\d-\d\d [\d:]+ [+-]\d\d:\d\d\s+\d{4}-\d\d-\d\d"), list.ToString());
    }

    [Test]
    public async Task RunsWatch_PrintsTheTableUntilCancelled()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var exit = await CliApplication.RunAsync(
            ["runs", "--task", "fh_base", "--watch", "--interval", "1", "--server", server.Url, "--token", TestTokens.ForServer(server.Url)!], output, error, stop.Token);

        Assert.That(exit, Is.Zero, error.ToString());
        Assert.That(output.ToString(), Does.StartWith("--- ").And.Contain(runId).And.Contain("watching every 1 s"));
    }

    private async Task<CliRun> Cli(params string[] args) =>
        await CliRun.RunAsync(args.Contains("--server") || args is ["task", "validate", ..] ? args : [.. args, "--server", server.Url]);

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }

    private Task HeardAsync(string host, string user, params string[] allowed) =>
        server.Services.GetRequiredService<AgentRegistry>().HeardAsync(
            new AgentHeartbeat { Host = host, Version = "test", User = user, AllowedOwners = allowed, StartedAt = TimeProvider.System.GetUtcNow() },
            CancellationToken.None);
}
