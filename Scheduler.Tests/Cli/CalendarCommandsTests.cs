using System.Text.Json;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class CalendarCommandsTests(string provider)
{
    private RunningScheduler server = null!;
    private DirectoryInfo folder = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));
        folder = Directory.CreateTempSubdirectory("easytask-cli-calendar-");
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await server.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task Insert_PrintsValidationAndInsertion_WhenFileIsTheSharedExample()
    {
        var file = Path.Combine(RepositoryPaths.Shared("examples/calendars"), "month_end_freeze.json");

        var run = await CliRun.RunAsync("calendar", "insert", file, "--server", server.Url);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Is.EqualTo($"Calendar validation completed{Environment.NewLine}Calendar inserted successfully: MONTH_END_FREEZE, 4 dates (version 1){Environment.NewLine}"));
    }

    [Test]
    public async Task Insert_SaysReplaced_WhenCalendarExists()
    {
        await CliRun.RunAsync("calendar", "insert", Write("cli_replace.json", Calendar("CLI_REPLACE", "2026-01-02")), "--server", server.Url);

        var run = await CliRun.RunAsync("calendar", "insert", Write("cli_replace.json", Calendar("CLI_REPLACE", "2026-01-02", "2026-01-05")), "--server", server.Url);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Calendar replaced successfully: CLI_REPLACE, 2 dates (version 2)"));
    }

    [Test]
    public async Task Insert_Exits2NamingField_WhenFileIsInvalid()
    {
        var file = Write("cli_bad_calendar.json", Calendar("CLI_BAD", "2026-13-01"));

        var run = await CliRun.RunAsync("calendar", "insert", file, "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain($"{file}: dates[0]: must be a date as YYYY-MM-DD, got \"2026-13-01\""));
        Assert.That(run.Output, Does.Not.Contain("validation completed"));
    }

    [Test]
    public async Task ListShowDelete_WorkThroughTheServer()
    {
        await CliRun.RunAsync("calendar", "insert", Write("cli_life.json", Calendar("CLI_LIFE", "2026-12-24", "2026-12-31")), "--server", server.Url);

        var list = await CliRun.RunAsync("calendar", "list", "--server", server.Url);
        var listJson = await CliRun.RunAsync("calendar", "list", "--json", "--server", server.Url);
        var show = await CliRun.RunAsync("calendar", "show", "CLI_LIFE", "--server", server.Url);
        var delete = await CliRun.RunAsync("calendar", "delete", "CLI_LIFE", "--server", server.Url);
        var gone = await CliRun.RunAsync("calendar", "show", "CLI_LIFE", "--server", server.Url);

        Assert.That(list.Output, Does.Match(@"US_HOLIDAYS\s+built-in"));
        Assert.That(list.Output, Does.Match(@"CLI_LIFE\s+custom\s+2 \(2026-12-24 \.\. 2026-12-31\)\s+1\s+test"));
        using (var parsed = JsonDocument.Parse(listJson.Output))
        {
            var life = parsed.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "CLI_LIFE");
            Assert.That(life.GetProperty("built_in").GetBoolean(), Is.False);
            Assert.That(life.GetProperty("dates").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "2026-12-24", "2026-12-31" }));
        }

        Assert.That(show.Output, Does.Contain("Calendar:  CLI_LIFE (custom)").And.Contain("Thu 2026-12-24").And.Contain("Thu 2026-12-31"));
        Assert.That(delete.Output, Does.Contain("Calendar deleted successfully: CLI_LIFE"));
        Assert.That(gone.ExitCode, Is.EqualTo(1));
        Assert.That(gone.Error, Does.Contain("no calendar named \"CLI_LIFE\""));
    }

    [Test]
    public async Task Delete_Exits1NamingTheTasks_WhenCalendarIsInUse()
    {
        await CliRun.RunAsync("calendar", "insert", Write("cli_used.json", Calendar("CLI_USED", "2026-01-02")), "--server", server.Url);
        var task = await CliRun.RunAsync("task", "insert", Write("cli_user.json", SampleDefinitions.Task(401, "cli_cal_user", ",\"calendar\": \"CLI_USED\"")), "--server", server.Url);
        Assert.That(task.ExitCode, Is.Zero, task.ToString());

        var run = await CliRun.RunAsync("calendar", "delete", "CLI_USED", "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("409").And.Contain("calendar \"CLI_USED\" is used by 1 task: cli_cal_user"));
    }

    [Test]
    public async Task Delete_Exits1SayingBuiltIn_WhenCalendarIsUsHolidays()
    {
        var run = await CliRun.RunAsync("calendar", "delete", "US_HOLIDAYS", "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("\"US_HOLIDAYS\" is a built-in calendar and cannot be deleted"));
    }

    [Test]
    public async Task TaskInsert_AcceptsTheCustomCalendar_AfterTheCalendarIsInserted()
    {
        var task = Write("cli_later.json", SampleDefinitions.Task(402, "cli_cal_later", ",\"calendar\": \"CLI_LATER\""));
        var before = await CliRun.RunAsync("task", "insert", task, "--server", server.Url);

        var calendar = await CliRun.RunAsync("calendar", "insert", Write("cli_later_cal.json", Calendar("CLI_LATER", "2026-01-02")), "--server", server.Url);
        var after = await CliRun.RunAsync("task", "insert", task, "--server", server.Url);

        Assert.That(before.ExitCode, Is.EqualTo(2), before.ToString());
        Assert.That(before.Error, Does.Contain("calendar: \"CLI_LATER\" is not a known calendar"));
        Assert.That(calendar.ExitCode, Is.Zero, calendar.ToString());
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("Task inserted successfully: tid 402, name cli_cal_later"));
    }

    [Test]
    public async Task List_Exits1_WhenServerCannotBeReached()
    {
        var run = await CliRun.RunAsync("calendar", "list", "--server", "http://127.0.0.1:1");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("cannot reach the EasyTask server at http://127.0.0.1:1/"));
    }

    private static string Calendar(string name, params string[] dates) =>
        $$"""{ "name": "{{name}}", "description": "test", "dates": [{{string.Join(", ", dates.Select(d => $"\"{d}\""))}}] }""";

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }
}
