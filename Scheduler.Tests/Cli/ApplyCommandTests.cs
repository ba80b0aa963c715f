using System.Net.Http.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

/// <summary><c>easytask apply</c> and <c>easytask export</c> against a running scheduler: definitions as code.</summary>
[Category("Integration")]
internal sealed class ApplyCommandTests
{
    private RunningScheduler server = null!;
    private DirectoryInfo folder = null!;

    [SetUp]
    public async Task StartAsync()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));
        folder = Directory.CreateTempSubdirectory("easytask-apply-");
        Directory.CreateDirectory(Path.Combine(folder.FullName, "calendars"));
        Write("calendars/freeze.json", """{ "name": "FREEZE", "description": "change freeze", "dates": ["2027-03-31"] }""");
        Write("extract.json", """{ "tid": 7001, "name": "extract", "cmd": "echo extract", "run_on_host": "localhost", "trigger_times": "08:30", "calendar": "FREEZE" }""");
        Write("report.json", """[{ "tid": 7002, "name": "report", "cmd": "echo report", "run_on_host": "localhost", "depends_on": ["extract"] }]""");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await server.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task Plan_ListsCreatesAndExitsThree_ThenApplyMakesItExitZero()
    {
        var plan = await Apply("--plan");
        var apply = await Apply();
        var again = await Apply("--plan");

        Assert.That(plan.ExitCode, Is.EqualTo(3), plan.ToString());
        Assert.That(plan.Output, Does.Contain("create    calendar FREEZE").And.Contain("create    task extract").And.Contain("create    task report"));
        Assert.That(apply.ExitCode, Is.Zero, apply.ToString());
        Assert.That(apply.Output, Does.Contain("Applied, in one transaction; source: apply folder " + folder.FullName));
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(again.Output, Does.Contain("unchanged task extract").And.Contain("Plan: nothing to change."));
        var stored = await server.Http.GetFromJsonAsync<TaskResource>("api/v1/tasks/report", ApiJson.Options);
        Assert.That(stored!.Source, Does.Contain("apply folder " + folder.FullName));
    }

    [Test]
    public async Task Plan_ShowsTheChangedFieldsAndExitsThree_WhenAFileChanged()
    {
        await Apply();
        Write("extract.json", """{ "tid": 7001, "name": "extract", "cmd": "echo extract", "run_on_host": "localhost", "trigger_times": "09:15", "calendar": "FREEZE" }""");

        var plan = await Apply("--plan");
        var apply = await Apply();
        var after = await Apply("--plan");

        Assert.That(plan.ExitCode, Is.EqualTo(3), plan.ToString());
        Assert.That(plan.Output, Does.Contain("update    task extract").And.Contain("trigger_times: \"08:30\" -> \"09:15\"").And.Contain("unchanged task report"));
        Assert.That((apply.ExitCode, after.ExitCode), Is.EqualTo((0, 0)), apply + "\n" + after);
    }

    [Test]
    public async Task Apply_ChangesNothingAndNamesFileAndField_WhenOneFileIsInvalid()
    {
        Write("broken.json", """{ "tid": 7003, "name": "broken", "cmd": "echo", "run_on_host": "localhost", "timezone": "Mars/Olympus" }""");

        var apply = await Apply();

        Assert.That(apply.ExitCode, Is.EqualTo(2), apply.ToString());
        Assert.That(apply.Error, Does.Contain("broken.json: timezone").And.Contain("Nothing was applied"));
        var tasks = await server.Http.GetFromJsonAsync<List<TaskResource>>("api/v1/tasks", ApiJson.Options);
        Assert.That(tasks, Is.Empty, "all or nothing: the valid files were not applied either");
    }

    [Test]
    public async Task Apply_DeletesOnlyWithPrune_WhenAFileIsRemoved()
    {
        await Apply();
        File.Delete(Path.Combine(folder.FullName, "report.json"));

        var plan = await Apply("--plan");
        var pruned = await Apply("--prune");

        Assert.That(plan.Output, Does.Not.Contain("report"), "without --prune a task missing from the folder is left alone");
        Assert.That(plan.ExitCode, Is.Zero, plan.ToString());
        Assert.That(pruned.Output, Does.Contain("delete    task report"), pruned.ToString());
        var tasks = await server.Http.GetFromJsonAsync<List<TaskResource>>("api/v1/tasks", ApiJson.Options);
        Assert.That(tasks!.Select(t => t.Name), Is.EqualTo(new[] { "extract" }));
    }

    [Test]
    public async Task Export_WritesFilesThatApplyReadsBackWithNoChange()
    {
        await Apply();
        await server.Http.PostAsync("api/v1/tasks/extract/hold", null);
        var exported = Directory.CreateTempSubdirectory("easytask-export-");
        try
        {
            var export = await CliRun.RunAsync("export", exported.FullName, "--server", server.Url);
            var plan = await CliRun.RunAsync("apply", exported.FullName, "--plan", "--prune", "--server", server.Url);

            Assert.That(export.ExitCode, Is.Zero, export.ToString());
            Assert.That(File.Exists(Path.Combine(exported.FullName, "calendars", "FREEZE.json")), Is.True);
            Assert.That(plan.ExitCode, Is.Zero, plan.ToString());
            Assert.That(plan.Output, Does.Contain("unchanged calendar FREEZE").And.Contain("unchanged task extract").And.Contain("unchanged task report"));
        }
        finally
        {
            exported.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Export_ThenApplyOnAFreshServer_LeavesNothingToChange()
    {
        await Apply();
        var exported = Directory.CreateTempSubdirectory("easytask-export-");
        await using var fresh = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));
        try
        {
            var export = await CliRun.RunAsync("export", exported.FullName, "--server", server.Url);
            var apply = await CliRun.RunAsync("apply", exported.FullName, "--server", fresh.Url);
            var plan = await CliRun.RunAsync("apply", exported.FullName, "--plan", "--prune", "--server", fresh.Url);

            Assert.That(export.ExitCode, Is.Zero, export.ToString());
            Assert.That(apply.ExitCode, Is.Zero, apply.ToString());
            Assert.That(apply.Output, Does.Contain("create    calendar FREEZE").And.Contain("create    task extract").And.Contain("create    task report"));
            Assert.That(plan.ExitCode, Is.Zero, plan.ToString());
            Assert.That(plan.Output, Does.Contain("unchanged calendar FREEZE").And.Contain("unchanged task extract").And.Contain("unchanged task report"));
        }
        finally
        {
            exported.Delete(recursive: true);
        }
    }

    private Task<CliRun> Apply(params string[] options) => CliRun.RunAsync(["apply", folder.FullName, .. options, "--server", server.Url]);

    private void Write(string file, string json) => File.WriteAllText(Path.Combine(folder.FullName, file), json);
}
