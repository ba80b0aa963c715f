using System.Diagnostics;
using System.Net.Http.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>The real <c>easytask serve</c> host with <c>--EasyTask:Watch:Folder</c>: the folder is wired, and a burst is absorbed.</summary>
[TestFixture]
internal sealed class WatchedFolderServeTests
{
    private DirectoryInfo scratch = null!;
    private DropZone folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        scratch = Directory.CreateTempSubdirectory("easytask-serve-watch-");
        folder = new DropZone(Path.Combine(scratch.FullName, "tasks"));
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Delete(recursive: true);
    }

    [Test]
    public async Task Serve_ImportsFilesLeftInTheFolder_AndTheApiShowsTheFileAsSource()
    {
        folder.Drop("task2.json", SampleDefinitions.Task(102, "nightly_report"));
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single() + "/") };
        await TestTokens.AuthorizeAsync(app.Services, http, app.Urls.Single());

        await folder.WaitUntilAsync(() => folder.Processed().Count == 1, "task2.json moving to processed/");

        var task = await http.GetFromJsonAsync<TaskResource>("api/v1/tasks/nightly_report", ApiJson.Options);
        Assert.That(task!.Source, Is.EqualTo("watched folder tasks/task2.json"));
        Assert.That(Directory.Exists(Path.Combine(folder.Path, "calendars", "rejected")), Is.True, "the service lays out every sub-folder at start");
    }

    [Test]
    public async Task Serve_AbsorbsEveryFile_WhenAThousandAreDroppedAtOnce()
    {
        await using var app = await StartAsync();
        const int count = 1000;
        var watch = Stopwatch.StartNew();

        for (var i = 1; i <= count; i++)
        {
            folder.Drop($"burst{i:D4}.json", SampleDefinitions.Task(10_000 + i, $"burst_{i:D4}"));
        }

        var dropped = watch.Elapsed;
        await folder.WaitUntilAsync(() => folder.Processed().Count == count, $"all {count} files moving to processed/", TimeSpan.FromMinutes(3));
        var absorbed = watch.Elapsed;

        var stored = await app.Services.GetRequiredService<ITaskStore>().ListAsync(CancellationToken.None);
        Assert.That(stored, Has.Count.EqualTo(count));
        Assert.That(folder.Waiting().Concat(folder.Rejected()), Is.Empty);
        await TestContext.Progress.WriteLineAsync(
            $"watched folder burst: {count} files dropped in {dropped.TotalSeconds:F1} s, all imported {absorbed.TotalSeconds:F1} s after the first drop " +
            $"({count / absorbed.TotalSeconds:F0} files/s, settle 100 ms, SQLite)");
    }

    private async Task<WebApplication> StartAsync() => await SchedulerHost.StartAsync(
        [
            "--urls=http://127.0.0.1:0",
            $"--EasyTask:Database=sqlite:{Path.Combine(scratch.FullName, "easytask.db")}",
            $"--EasyTask:Watch:Folder={folder.Path}",
            "--EasyTask:Watch:SettleTime=00:00:00.100",
            "--EasyTask:Watch:PollInterval=00:00:00.300",
            "--Serilog:MinimumLevel:Default=Warning",
        ],
        CancellationToken.None);
}
