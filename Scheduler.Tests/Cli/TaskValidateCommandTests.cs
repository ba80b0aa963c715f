using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

internal sealed class TaskValidateCommandTests
{
    private DirectoryInfo folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("easytask-validate-");

    [TearDown]
    public void DeleteFolder() => folder.Delete(recursive: true);

    [Test]
    public async Task Validate_PrintsOkPerFileAndExits0_WhenAllAreValid()
    {
        Write("a.json", SampleDefinitions.Task(1, "a"));
        Write("b.json", SampleDefinitions.Task(2, "b"));

        var run = await CliRun.RunAsync("task", "validate", folder.FullName);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain($"{Path.Combine(folder.FullName, "a.json")}: OK").And.Contain($"{Path.Combine(folder.FullName, "b.json")}: OK"));
    }

    [Test]
    public async Task Validate_PrintsFileFieldMessageAndExits2_WhenOneIsInvalid()
    {
        var good = Write("good.json", SampleDefinitions.Task(1, "good"));
        var bad = Write("bad.json", SampleDefinitions.Task(2, "bad").Replace("08:30", "8h30", StringComparison.Ordinal).Replace("\"max_run_time\": 60", "\"max_run_time\": -5", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("task", "validate", good, bad);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Output, Does.Contain($"{good}: OK"));
        Assert.That(run.Output, Does.Contain($"{bad}: trigger_times: "));
        Assert.That(run.Output, Does.Contain($"{bad}: max_run_time: "));
    }

    [Test]
    public async Task Validate_AcceptsCustomCalendar_WhenCalendarsFolderDefinesIt()
    {
        Directory.CreateDirectory(Path.Combine(folder.FullName, "calendars"));
        Write("calendars/freeze.json", """{ "name": "FREEZE", "dates": ["2026-12-31"] }""");
        var task = Write("t.json", SampleDefinitions.Task(1, "t", ",\"calendar\": \"FREEZE\""));

        var withCalendars = await CliRun.RunAsync("task", "validate", folder.FullName);
        var alone = await CliRun.RunAsync("task", "validate", task);

        Assert.That(withCalendars.ExitCode, Is.Zero, withCalendars.ToString());
        Assert.That(alone.ExitCode, Is.EqualTo(2));
        Assert.That(alone.Output, Does.Contain("calendar: \"FREEZE\" is not a known calendar"));
    }

    [Test]
    public async Task Validate_Exits2_WhenFileDoesNotExist()
    {
        var run = await CliRun.RunAsync("task", "validate", Path.Combine(folder.FullName, "missing.json"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Output, Does.Contain("missing.json: $: no such file or folder"));
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }
}
