using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>Changes made through the watched folder are in the audit trail, as the API's are: who is the watched folder, from which file.</summary>
[TestFixture]
internal sealed class WatchedFolderAuditTests
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
    public async Task Audit_RecordsInsertUpdateAndRefusalWithTheFileAsSource_WhenFilesAreDropped()
    {
        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "task2.json moving to processed/");
        watch.Folder.Drop("task2b.json", SampleDefinitions.Task(102, "nightly_report").Replace("echo hello", "echo edited", StringComparison.Ordinal));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 2, "task2b.json moving to processed/");
        watch.Folder.Drop("broken.json", SampleDefinitions.Task(103, "bad name"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count > 0, "broken.json moving to rejected/");
        watch.Folder.DropCalendar("closed.json", """{"name": "CLOSED", "dates": ["2026-12-25"]}""");
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed("calendars").Count == 1, "closed.json moving to processed/");

        var entries = (await watch.Audit.QueryAsync(new AuditQuery(Who: "watched folder"), CancellationToken.None)).OrderBy(e => e.Id).ToList();

        Assert.That(entries.Select(e => (e.Action, e.Source, e.Target, e.BeforeVersion, e.AfterVersion, e.Outcome)), Is.EqualTo(new[]
        {
            ("watched folder: insert task", "tasks/task2.json", "/api/v1/tasks/nightly_report", (long?)null, (long?)1, 200),
            ("watched folder: update task", "tasks/task2b.json", "/api/v1/tasks/nightly_report", 1, 2, 200),
            ("watched folder: reject task file", "tasks/broken.json", "tasks/broken.json", null, null, 400),
            ("watched folder: save calendar", "tasks/calendars/closed.json", "/api/v1/calendars/CLOSED", null, 1, 200),
        }));
        Assert.That(entries[2].Detail, Does.Contain("name"), "the refusal says which field was wrong");
    }
}
