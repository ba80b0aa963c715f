using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>Files are read whole: never while still being written, and those left from a stop are taken in at start.</summary>
[TestFixture]
internal sealed class WatchedFolderSettleTests
{
    [Test]
    public async Task Start_ImportsTheFiles_WhenTheyArrivedWhileTheServiceWasDown()
    {
        await using var watch = await WatchHarness.CreateAsync();
        watch.Folder.Drop("a.json", SampleDefinitions.Task(401, "a_task"));
        watch.Folder.Drop("b.json", SampleDefinitions.Task(402, "b_task"));
        watch.Folder.Drop("c.json", "{ \"tid\": 403 }");

        await watch.StartWatchingAsync();
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Waiting().Count == 0, "the three files leaving the folder");

        Assert.That(watch.Folder.Processed(), Has.Count.EqualTo(2));
        Assert.That(watch.Folder.Rejected(), Has.Count.EqualTo(2), "c.json and its errors");
        Assert.That((await watch.Tasks.ListAsync(CancellationToken.None)).Select(t => t.Definition.Name), Is.EqualTo(new[] { "a_task", "b_task" }));
    }

    [Test]
    public async Task Import_WaitsForTheWholeFile_WhenItIsWrittenInChunks()
    {
        var settle = TimeSpan.FromSeconds(1);
        await using var watch = await WatchHarness.CreateAsync(settleTime: settle, pollInterval: TimeSpan.FromMilliseconds(100));
        await watch.StartWatchingAsync();
        var json = SampleDefinitions.Task(501, "slow_copy");
        var file = watch.Folder.Drop("slow.json", json[..(json.Length / 2)]);

        await Task.Delay(settle / 4);

        Assert.That(watch.Folder.Waiting(), Is.EqualTo(new[] { "slow.json" }), "half a file is left alone");
        Assert.That(watch.Folder.Rejected(), Is.Empty, "half a file is never read, so never rejected");
        await File.AppendAllTextAsync(file, json[(json.Length / 2)..]);
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "slow.json moving to processed/ once complete");
        Assert.That((await watch.TaskAsync("slow_copy")).Definition.Cmd, Is.EqualTo("echo hello"));
    }

    [Test]
    public async Task Import_WaitsForTheWriter_WhenTheFileIsStillOpenElsewhere()
    {
        await using var watch = await WatchHarness.CreateAsync(settleTime: TimeSpan.FromMilliseconds(50), pollInterval: TimeSpan.FromMilliseconds(100));
        await watch.StartWatchingAsync();
        var file = Path.Combine(watch.Folder.Path, "held.json");

        await using (var writer = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(SampleDefinitions.Task(601, "held_task")));
            await writer.FlushAsync();
            await watch.Folder.WaitUntilAsync(() => watch.Logs.Lines.Any(l => l.Contains("Definition file busy: tasks/held.json", StringComparison.Ordinal)), "the watcher finding held.json busy");

            Assert.That(watch.Folder.Waiting(), Is.EqualTo(new[] { "held.json" }));
        }

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "held.json moving to processed/ once closed");
        Assert.That((await watch.TaskAsync("held_task")).Version, Is.EqualTo(1));
    }
}
