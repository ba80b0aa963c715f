using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>Valid task files dropped into the watched folder become tasks, and the files move out of the way.</summary>
[TestFixture]
internal sealed class WatchedFolderImportTests
{
    private WatchHarness watch = null!;

    [SetUp]
    public async Task StartAsync()
    {
        watch = await WatchHarness.CreateAsync();
        await watch.StartWatchingAsync();
    }

    [TearDown]
    public async Task StopAsync() => await watch.DisposeAsync();

    [Test]
    public async Task Import_StoresTheTaskAndMovesTheFileToProcessed_WhenAValidFileIsDropped()
    {
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "task2.json moving to processed/");

        Assert.That(watch.Folder.Waiting(), Is.Empty);
        Assert.That(watch.Folder.Processed().Single(), Does.Match(@"^task2\.\d{8}T\d{6}Z\.json$"));
        var stored = await watch.TaskAsync("nightly_report");
        Assert.That(stored.Definition.Tid, Is.EqualTo(102));
        Assert.That(stored.Version, Is.EqualTo(1));
        Assert.That(stored.Source, Is.EqualTo("watched folder tasks/task2.json"));
        Assert.That(watch.Registry.Find("nightly_report"), Is.Not.Null, "the engine was told, so the schedule follows at once");
        Assert.That(watch.Logs.Lines, Has.Some.Contains("Task inserted: tid 102 name nightly_report version 1 by watched folder tasks/task2.json"));
        Assert.That(watch.Logs.Lines, Has.Some.Contains("Definition file imported: tasks/task2.json moved to"));
    }

    [Test]
    public async Task Import_UpdatesTheTaskToVersion2_WhenAnEditedCopyIsDropped()
    {
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "the first copy moving to processed/");

        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report").Replace("echo hello", "echo edited", StringComparison.Ordinal));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 2, "the edited copy moving to processed/ beside the first");

        var stored = await watch.TaskAsync("nightly_report");
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(stored.Definition.Cmd, Is.EqualTo("echo edited"));
        Assert.That(watch.Registry.Find("nightly_report")!.Definition.Cmd, Is.EqualTo("echo edited"), "the engine schedules the new definition");
        Assert.That(watch.Logs.Lines, Has.Some.Contains("Task updated: tid 102 name nightly_report now version 2 by watched folder tasks/task2.json"));
    }

    [Test]
    public async Task Import_KeepsOperatorsDeactivation_WhenAnEditedCopyLeavesActiveOut()
    {
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "the first copy moving to processed/");
        await watch.Tasks.SetActiveAsync("nightly_report", active: false, "cli ops", CancellationToken.None);

        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report").Replace("echo hello", "echo edited", StringComparison.Ordinal));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 2, "the edited copy moving to processed/");
        var kept = await watch.TaskAsync("nightly_report");
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report", ",\"active\": true"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 3, "the copy stating active moving to processed/");
        var stated = await watch.TaskAsync("nightly_report");

        Assert.That(kept.Definition.Cmd, Is.EqualTo("echo edited"));
        Assert.That(kept.Definition.Active, Is.False, "an operator's deactivation survives a file that does not mention active");
        Assert.That(stated.Definition.Active, Is.True, "a file that says active: true wins");
    }

    [Test]
    public async Task Import_KeepsTheVersion_WhenTheSameDefinitionIsDroppedAgain()
    {
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "the first copy moving to processed/");

        watch.Folder.Drop("again.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 2, "the second copy moving to processed/");

        Assert.That((await watch.TaskAsync("nightly_report")).Version, Is.EqualTo(1));
        Assert.That(watch.Logs.Lines, Has.Some.Contains("Task unchanged: tid 102 name nightly_report stays version 1"));
    }

    [Test]
    public async Task Import_RejectsNamingTid_WhenAnExistingTaskNameComesWithAnotherTid()
    {
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "the first file moving to processed/");

        watch.Folder.Drop("retid.json", SampleDefinitions.Task(999, "nightly_report").Replace("echo hello", "echo changed", StringComparison.Ordinal));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "retid.json and its errors moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("tid: must stay 102: task \"nightly_report\" exists with tid 102"));
        var stored = await watch.TaskAsync("nightly_report");
        Assert.That((stored.Version, stored.Definition.Cmd), Is.EqualTo((1L, "echo hello")), "the stored task is untouched");
    }

    [Test]
    public async Task Import_RejectsNamingTid_WhenANewTaskTakesTheTidOfAnother()
    {
        watch.Folder.Drop("first.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "first.json moving to processed/");

        watch.Folder.Drop("second.json", SampleDefinitions.Task(102, "weekly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "second.json and its errors moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("tid: 102 is already the tid of task \"nightly_report\""));
        Assert.That(await watch.Tasks.FindAsync("weekly_report", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Import_IgnoresFilesInProcessedAndOtherExtensions_WhenTheyAppear()
    {
        var processed = Path.Combine(watch.Folder.Path, "processed", "manual.json");
        await File.WriteAllTextAsync(processed, SampleDefinitions.Task(103, "from_processed"));
        watch.Folder.Drop("notes.txt", "not a definition");
        watch.Folder.Drop("real.json", SampleDefinitions.Task(104, "real_one"));

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 2, "real.json moving to processed/");

        Assert.That(await watch.Tasks.FindAsync("from_processed", CancellationToken.None), Is.Null);
        Assert.That(File.Exists(processed), Is.True, "a file in processed/ is left alone");
        Assert.That(watch.Folder.Waiting(), Is.EqualTo(new[] { "notes.txt" }));
    }
}
