using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

/// <summary><c>task forecast NAME</c>: computed by the server from what it stores.</summary>
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class TaskForecastCommandTests(string provider)
{
    private static readonly string InvoiceFile = Path.Combine(RepositoryPaths.Shared("examples/tasks"), "generate_invoice.json");

    private RunningScheduler server = null!;
    private DirectoryInfo folder = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));
        folder = Directory.CreateTempSubdirectory("easytask-cli-forecast-");
        var insert = await CliRun.RunAsync("task", "insert", InvoiceFile, "--server", server.Url);
        Assert.That(insert.ExitCode, Is.Zero, insert.ToString());
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await server.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [TestCase("--json")]
    [TestCase("--days=14")]
    public async Task ForecastByName_PrintsWhatTheOfflineForecastPrints_ForTheSameDefinition(string extra)
    {
        var byName = await CliRun.RunAsync("task", "forecast", "Generate_Invoice", "--from", "2026-11-20", extra, "--server", server.Url);
        var offline = await CliRun.RunAsync("task", "forecast", InvoiceFile, "--from", "2026-11-20", extra);

        Assert.That(byName.ExitCode, Is.Zero, byName.ToString());
        Assert.That(byName.Output, Does.Contain("2026-11-23"));
        Assert.That(byName.Output, Is.EqualTo(offline.Output));
    }

    [Test]
    public async Task ForecastByName_SkipsTheServersCustomCalendarDates_WhenTaskNamesOne()
    {
        await CliRun.RunAsync("calendar", "insert", Path.Combine(RepositoryPaths.Shared("examples/calendars"), "month_end_freeze.json"), "--server", server.Url);
        await CliRun.RunAsync("task", "insert", Write("frozen.json", SampleDefinitions.Task(501, "frozen", ",\"calendar\": \"MONTH_END_FREEZE\"")), "--server", server.Url);

        var run = await CliRun.RunAsync("task", "forecast", "frozen", "--from", "2026-06-29", "--days", "3", "--server", server.Url);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("  2026-06-30 listed in calendar MONTH_END_FREEZE: skipped"));
        Assert.That(run.Output, Does.Contain("Runs:      2"));
    }

    [Test]
    public async Task ForecastByName_NotesTheHold_WhenTaskIsOnHold()
    {
        await CliRun.RunAsync("task", "insert", Write("held.json", SampleDefinitions.Task(502, "held")), "--server", server.Url);
        await CliRun.RunAsync("task", "hold", "held", "--server", server.Url);

        var run = await CliRun.RunAsync("task", "forecast", "held", "--from", "2026-11-23", "--days", "1", "--server", server.Url);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Note:      the task is on hold: it will not be triggered at these times until released"));
    }

    [Test]
    public async Task ForecastByName_Exits1WithServerReason_WhenTaskDoesNotExist()
    {
        var run = await CliRun.RunAsync("task", "forecast", "no_such_task", "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("404").And.Contain("no task named \"no_such_task\""));
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }
}
