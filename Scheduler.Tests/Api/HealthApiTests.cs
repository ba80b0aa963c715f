using System.Net;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Api;

[Category("Integration")]
internal sealed class HealthApiTests
{
    [Test]
    public async Task Ready_Answers200_WhenDatabaseAnswers()
    {
        await using var server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));

        using var live = await server.Http.GetAsync("health");
        using var ready = await server.Http.GetAsync("health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("\"ready\""));
    }

    [Test]
    public async Task Ready_Answers503_WhenDatabaseFileIsGone()
    {
        var setting = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var server = await RunningScheduler.StartAsync(setting);
        var folder = Path.GetDirectoryName(setting["sqlite:".Length..])!;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        await File.WriteAllTextAsync(folder, "not a folder any more");

        using var ready = await server.Http.GetAsync("health/ready");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("not ready"));
        File.Delete(folder);
    }
}
