using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>A database outage while importing loses no file: it waits in place and is imported once the database is back.</summary>
[TestFixture]
internal sealed class WatchedFolderOutageTests
{
    [Test]
    public async Task Import_LeavesTheFileInPlaceAndRetries_WhenTheDatabaseIsDown()
    {
        await using var watch = await WatchHarness.CreateAsync();
        await watch.StartWatchingAsync();
        watch.Outage.Down = true;

        watch.Folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        watch.Folder.Drop("task3.json", SampleDefinitions.Task(103, "weekly_report"));
        await watch.Folder.WaitUntilAsync(
            () => watch.Logs.Lines.Any(l => l.StartsWith("Error: Definition file not imported: tasks/task", StringComparison.Ordinal)),
            "the failed import being logged");
        await Task.Delay(500);

        Assert.That(watch.Folder.Waiting(), Is.EqualTo(new[] { "task2.json", "task3.json" }));
        Assert.That(watch.Folder.Processed().Concat(watch.Folder.Rejected()), Is.Empty);
        Assert.That(watch.Logs.Lines.Count(l => l.StartsWith("Error: Definition file not imported", StringComparison.Ordinal)), Is.EqualTo(1),
            "one error for the outage, not one per file and per rescan");

        watch.Outage.Down = false;
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 2, "both files moving to processed/ once the database is back");
        Assert.That((await watch.Tasks.ListAsync(CancellationToken.None)).Select(t => t.Definition.Name), Is.EqualTo(new[] { "nightly_report", "weekly_report" }));
    }
}
