using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cluster;

/// <summary>SQLite is one scheduler process per file: a second <c>serve</c> on the same file refuses to start.</summary>
[Category("Integration")]
internal sealed class SqliteSingleInstanceTests
{
    private DirectoryInfo folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("easytask-single-");

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task Serve_RefusesToStartWithAClearMessage_WhenAnotherSchedulerUsesTheSameSqliteFile()
    {
        var file = Path.Combine(folder.FullName, "easytask.db");
        await using var first = await RunningScheduler.StartAsync($"sqlite:{file}");

        var starting = CliRun.RunAsync("serve", "--db", $"sqlite:{file}", "--urls", "http://127.0.0.1:0");
        var finished = await Task.WhenAny(starting, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.That(finished, Is.SameAs(starting), "a second serve on the same file must refuse, not run");
        var second = await starting;

        Assert.That(second.ExitCode, Is.Not.Zero, second.ToString());
        Assert.That(second.Error, Does.Contain($"the SQLite database {file} is already in use by another EasyTask scheduler")
            .And.Contain("PostgreSQL or SQL Server"), second.ToString());
        using var health = await first.Http.GetAsync("health/ready");
        Assert.That(health.IsSuccessStatusCode, Is.True, "the first scheduler carries on");
    }

    [Test]
    public async Task Serve_Starts_WhenThePreviousSchedulerOnTheFileHasStopped()
    {
        var file = Path.Combine(folder.FullName, "easytask.db");
        await (await RunningScheduler.StartAsync($"sqlite:{file}")).DisposeAsync();

        await using var again = await RunningScheduler.StartAsync($"sqlite:{file}");

        using var health = await again.Http.GetAsync("health/ready");
        Assert.That(health.IsSuccessStatusCode, Is.True);
    }

    [Test]
    public async Task ClusterStatus_SaysSingleProcess_WhenTheDatabaseIsSqlite()
    {
        await using var server = await RunningScheduler.StartAsync($"sqlite:{Path.Combine(folder.FullName, "easytask.db")}");

        var status = await CliRun.RunAsync("cluster", "status", "--server", server.Url);

        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.Output, Does.Contain("Mode: single (SQLite: this one process is the scheduler)").And.Contain("leader"), status.ToString());
    }

    [Test]
    public void Acquire_TakesNoLock_WhenTheDatabaseIsAServer()
    {
        using var first = SqliteSingleInstance.Acquire(EasyTask.Scheduler.Storage.DatabaseOptions.Parse("postgres:Host=127.0.0.1;Database=x"));
        using var second = SqliteSingleInstance.Acquire(EasyTask.Scheduler.Storage.DatabaseOptions.Parse("postgres:Host=127.0.0.1;Database=x"));

        Assert.That((first.LockFile, second.LockFile), Is.EqualTo(((string?)null, (string?)null)));
    }
}
