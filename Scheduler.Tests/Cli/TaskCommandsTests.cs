using System.Text.Json;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class TaskCommandsTests(string provider)
{
    private RunningScheduler server = null!;
    private DirectoryInfo folder = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));
        folder = Directory.CreateTempSubdirectory("easytask-cli-");
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await server.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task Insert_PrintsValidationAndInsertion_WhenFileIsValid()
    {
        var file = Write("cli_insert.json", SampleDefinitions.Task(201, "cli_insert"));

        var run = await CliRun.RunAsync("task", "insert", file, "--server", server.Url);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("Task validation completed"));
        Assert.That(lines[1], Does.StartWith("Task inserted successfully: tid 201, name cli_insert"));
    }

    [Test]
    public async Task Insert_Exits1WithServerReason_WhenTaskExists()
    {
        var file = Write("cli_twice.json", SampleDefinitions.Task(202, "cli_twice"));
        await CliRun.RunAsync("task", "insert", file, "--server", server.Url);

        var run = await CliRun.RunAsync("task", "insert", file, "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("409").And.Contain("already exists"));
    }

    [Test]
    public async Task Insert_Exits2NamingField_WhenFileIsInvalid()
    {
        var file = Write("cli_bad.json", SampleDefinitions.Task(203, "cli_bad").Replace("1111100", "11111", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("task", "insert", file, "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain($"{file}: day_of_week: must be exactly 7 flags"));
        Assert.That(run.Output, Does.Not.Contain("Task validation completed"));
    }

    [Test]
    public async Task Insert_Exits2WithServerErrors_WhenCalendarIsUnknownToServer()
    {
        var file = Write("cli_calendar.json", SampleDefinitions.Task(204, "cli_calendar", ",\"calendar\": \"NOT_ON_SERVER\""));

        var run = await CliRun.RunAsync("task", "insert", file, "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain($"{file}: calendar: \"NOT_ON_SERVER\" is not a known calendar"));
    }

    [Test]
    public async Task Insert_Exits1_WhenServerCannotBeReached()
    {
        var file = Write("cli_offline.json", SampleDefinitions.Task(205, "cli_offline"));

        var run = await CliRun.RunAsync("task", "insert", file, "--server", "http://127.0.0.1:1");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("cannot reach the EasyTask server at http://127.0.0.1:1/"));
    }

    [Test]
    public async Task ListShowDelete_WorkThroughTheServer()
    {
        await CliRun.RunAsync("task", "insert", Write("cli_life.json", SampleDefinitions.Task(206, "cli_life")), "--server", server.Url);

        var list = await CliRun.RunAsync("task", "list", "--server", server.Url);
        var listJson = await CliRun.RunAsync("task", "list", "--json", "--server", server.Url);
        var show = await CliRun.RunAsync("task", "show", "cli_life", "--server", server.Url);
        var showJson = await CliRun.RunAsync("task", "show", "cli_life", "--json", "--server", server.Url);
        var delete = await CliRun.RunAsync("task", "delete", "cli_life", "--server", server.Url);
        var gone = await CliRun.RunAsync("task", "show", "cli_life", "--server", server.Url);

        Assert.That(list.Output, Does.Match(@"206\s+cli_life\s+-\s+localhost\s+08:30 Mon-Fri America/New_York"));
        using (var parsed = JsonDocument.Parse(listJson.Output))
        {
            Assert.That(parsed.RootElement.EnumerateArray().Any(t => t.GetProperty("name").GetString() == "cli_life"), Is.True);
        }

        Assert.That(show.Output, Does.Contain("Task:      cli_life (tid 206)").And.Contain("\"cmd\": \"echo hello\""));
        using (var parsed = JsonDocument.Parse(showJson.Output))
        {
            Assert.That(parsed.RootElement.GetProperty("definition").GetProperty("trigger_times").GetString(), Is.EqualTo("08:30"));
            Assert.That(parsed.RootElement.GetProperty("version").GetInt64(), Is.EqualTo(1));
        }

        Assert.That(delete.Output, Does.Contain("Task deleted successfully: cli_life"));
        Assert.That(gone.ExitCode, Is.EqualTo(1));
        Assert.That(gone.Error, Does.Contain("no task named \"cli_life\""));
    }

    [Test]
    public async Task DeactivateAndActivate_ChangeWhatShowReports()
    {
        await CliRun.RunAsync("task", "insert", Write("cli_toggle.json", SampleDefinitions.Task(207, "cli_toggle")), "--server", server.Url);

        var off = await CliRun.RunAsync("task", "deactivate", "cli_toggle", "--server", server.Url);
        var shownOff = await CliRun.RunAsync("task", "show", "cli_toggle", "--server", server.Url);
        var on = await CliRun.RunAsync("task", "activate", "cli_toggle", "--server", server.Url);
        var shownOn = await CliRun.RunAsync("task", "show", "cli_toggle", "--server", server.Url);

        Assert.That(off.Output, Does.Contain("Task deactivated successfully: cli_toggle (definition stays version 1)"));
        Assert.That(shownOff.Output, Does.Contain("Active:    no (IDLE"));
        Assert.That(on.Output, Does.Contain("Task activated successfully: cli_toggle (definition stays version 1)"));
        Assert.That(shownOn.Output, Does.Contain("Active:    yes"));
    }

    [Test]
    public async Task HoldAndRelease_ChangeWhatShowAndListReport()
    {
        await CliRun.RunAsync("task", "insert", Write("cli_hold.json", SampleDefinitions.Task(209, "cli_hold")), "--server", server.Url);

        var hold = await CliRun.RunAsync("task", "hold", "cli_hold", "--server", server.Url);
        var shownHeld = await CliRun.RunAsync("task", "show", "cli_hold", "--server", server.Url);
        var listedHeld = await CliRun.RunAsync("task", "list", "--server", server.Url);
        var release = await CliRun.RunAsync("task", "release", "cli_hold", "--server", server.Url);
        var shownReleased = await CliRun.RunAsync("task", "show", "cli_hold", "--server", server.Url);

        Assert.That(hold.Output, Does.Contain("Task put on hold successfully: cli_hold (definition stays version 1)"), hold.ToString());
        Assert.That(shownHeld.Output, Does.Contain("Active:    yes, on hold (not triggered until `easytask task release cli_hold`)"));
        Assert.That(listedHeld.Output, Does.Match(@"209\s+cli_hold\s+.*\s+on hold\s+1\s"));
        Assert.That(release.Output, Does.Contain("Task released successfully: cli_hold (definition stays version 1)"), release.ToString());
        Assert.That(shownReleased.Output, Does.Contain("Active:    yes").And.Not.Contain("on hold"));
    }

    [Test]
    public async Task Hold_Exits1WithServerReason_WhenTaskDoesNotExist()
    {
        var run = await CliRun.RunAsync("task", "hold", "cli_no_such_task", "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("no task named \"cli_no_such_task\""));
    }

    [Test]
    public async Task Update_ReplacesDefinition_WhenTaskExists()
    {
        await CliRun.RunAsync("task", "insert", Write("cli_update.json", SampleDefinitions.Task(208, "cli_update")), "--server", server.Url);
        var changed = Write("cli_update.json", SampleDefinitions.Task(208, "cli_update").Replace("echo hello", "echo changed", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("task", "update", changed, "--server", server.Url);
        var shown = await CliRun.RunAsync("task", "show", "cli_update", "--server", server.Url);

        Assert.That(run.Output, Does.Contain("Task updated successfully: tid 208, name cli_update (version 2)"), run.ToString());
        Assert.That(shown.Output, Does.Contain("echo changed"));
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }
}
