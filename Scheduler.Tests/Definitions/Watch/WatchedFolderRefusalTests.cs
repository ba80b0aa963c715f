using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>A file the database refuses for a reason other than an outage goes to rejected/ and never blocks the files behind it.</summary>
[TestFixture]
internal sealed class WatchedFolderRefusalTests
{
    [Test]
    public async Task Import_MovesTheFileToRejected_WhenTheDatabaseRefusesItsData()
    {
        await using var watch = await WatchHarness.CreateAsync();
        watch.Outage.RefusedName = "refused_task";
        await watch.StartWatchingAsync();

        watch.Folder.Drop("bad.json", SampleDefinitions.Task(201, "refused_task"));
        watch.Folder.Drop("good.json", SampleDefinitions.Task(202, "fine_task"));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1 && watch.Folder.Rejected().Count > 0, "one file processed, the other rejected");

        Assert.That(watch.Folder.Waiting(), Is.Empty, "nothing left to block the folder");
        Assert.That(watch.Folder.Rejected(), Has.Some.StartsWith("bad."));
        Assert.That((await watch.Tasks.ListAsync(CancellationToken.None)).Select(t => t.Definition.Name), Is.EqualTo(new[] { "fine_task" }));
    }
}
