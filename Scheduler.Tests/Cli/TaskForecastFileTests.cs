using System.Text.Json;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

/// <summary><c>task forecast FILE</c>: offline, no server anywhere.</summary>
internal sealed class TaskForecastFileTests
{
    private const string NoServer = "http://127.0.0.1:1";

    private DirectoryInfo folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("easytask-forecast-");

    [TearDown]
    public void DeleteFolder() => folder.Delete(recursive: true);

    [Test]
    public async Task Forecast_SkipsThanksgiving_WhenGenerateInvoiceIsForecastOverThanksgiving2026()
    {
        var run = await CliRun.RunAsync("task", "forecast", ExampleTask("generate_invoice.json"), "--from", "2026-11-22", "--days", "7", "--server", NoServer);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            "Task:      Generate_Invoice (tid 2001)",
            "Schedule:  07:00 Mon-Fri America/New_York except US_HOLIDAYS",
            "Zone:      America/New_York",
            "Calendar:  US_HOLIDAYS",
            "Window:    Sun 2026-11-22 00:00 -05:00 to Sun 2026-11-29 00:00 -05:00 (7 days)",
            "Runs:      4",
            "  Mon 2026-11-23 07:00 -05:00   2026-11-23 12:00 UTC",
            "  Tue 2026-11-24 07:00 -05:00   2026-11-24 12:00 UTC",
            "  Wed 2026-11-25 07:00 -05:00   2026-11-25 12:00 UTC",
            "  2026-11-26 Thanksgiving Day (US_HOLIDAYS): skipped",
            "  Fri 2026-11-27 07:00 -05:00   2026-11-27 12:00 UTC",
        }));
    }

    [Test]
    public async Task ForecastJson_ShowsThreeOClockDaylightTime_WhenTwoThirtyTaskCrossesTheNewYorkSpringForward()
    {
        var file = Write("dst.json", SampleDefinitions.Task(1, "dst").Replace("08:30", "02:30", StringComparison.Ordinal).Replace("1111100", "1111111", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("task", "forecast", file, "--from", "2026-03-07T00:00:00-05:00", "--days", "2", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var runs = json.RootElement.EnumerateArray().Select(e => $"{e.GetProperty("local").GetString()} {e.GetProperty("utc").GetString()}").ToList();
        Assert.That(runs, Is.EqualTo(new[]
        {
            "2026-03-07T02:30:00-05:00 2026-03-07T07:30:00Z",
            "2026-03-08T03:00:00-04:00 2026-03-08T07:00:00Z",
        }));
    }

    [Test]
    public async Task Forecast_SkipsCustomCalendarDates_WhenTheCalendarsFolderHoldsTheCalendar()
    {
        var task = Write("freeze_user.json", SampleDefinitions.Task(1, "freeze_user", ",\"calendar\": \"MONTH_END_FREEZE\""));

        var run = await CliRun.RunAsync("task", "forecast", task, "--from", "2026-03-29", "--days", "4", "--calendars", RepositoryPaths.Shared("examples/calendars"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("  2026-03-31 listed in calendar MONTH_END_FREEZE: skipped"));
        Assert.That(run.Output, Does.Contain("Mon 2026-03-30 08:30 -04:00").And.Contain("Wed 2026-04-01 08:30 -04:00").And.Not.Contain("Tue 2026-03-31 08:30"));
    }

    [Test]
    public async Task Forecast_Exits2NamingTheCalendar_WhenItIsNotInTheCalendarsFolder()
    {
        var task = Write("unknown_cal.json", SampleDefinitions.Task(1, "unknown_cal", ",\"calendar\": \"NOWHERE\""));

        var run = await CliRun.RunAsync("task", "forecast", task);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain($"{task}: calendar: \"NOWHERE\" is not a known calendar"));
    }

    [TestCase("--from", "next monday", TestName = "Forecast_Exits2NamingFrom_WhenFromIsNotIso8601")]
    [TestCase("--days", "0", TestName = "Forecast_Exits2NamingDays_WhenDaysIsZero")]
    [TestCase("--days", "a week", TestName = "Forecast_Exits2NamingDays_WhenDaysIsNotANumber")]
    public async Task Forecast_Exits2NamingTheOption_WhenItsValueIsInvalid(string option, string value)
    {
        var run = await CliRun.RunAsync("task", "forecast", ExampleTask("generate_invoice.json"), option, value);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith($"error: {option}: must be").And.Contain(value));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public async Task Forecast_SaysTheTaskRunsAfterItsDependencies_WhenItHasNoTimes()
    {
        var file = Write("after.json", SampleDefinitions.Task(1, "after").Replace("\"trigger_times\": \"08:30\"", "\"depends_on\": [\"Generate_Invoice\"]", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("task", "forecast", file);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("it runs each time its dependencies are met (Generate_Invoice)"));
        Assert.That(run.Output, Does.Not.Contain("Runs:"));
    }

    [Test]
    public async Task Forecast_SaysItRunsOnlyOnDemand_WhenTaskHasNoTimesAndNoDependencies()
    {
        var file = Write("on_demand.json", SampleDefinitions.Task(1, "on_demand").Replace("\"trigger_times\": \"08:30\"", "\"group\": \"adhoc\"", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("task", "forecast", file);
        var json = await CliRun.RunAsync("task", "forecast", file, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("it runs only on demand"));
        Assert.That(json.Output.Trim(), Is.EqualTo("[]"));
        Assert.That(json.Error, Does.Contain("on_demand has neither trigger_times nor cron"));
    }

    [Test]
    public async Task Forecast_Exits2_WhenFileDoesNotExist()
    {
        var run = await CliRun.RunAsync("task", "forecast", Path.Combine(folder.FullName, "missing.json"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("missing.json: no such file"));
    }

    private static string ExampleTask(string name) => Path.Combine(RepositoryPaths.Shared("examples/tasks"), name);

    private static string[] Lines(CliRun run) => run.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }
}
