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
        // The scheduler's own loops keep using the database while the test pulls it away; a file they write
        // in the moment between listing and removing the folder makes one delete fail, so try again.
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }

        await File.WriteAllTextAsync(folder, "not a folder any more");

        using var ready = await server.Http.GetAsync("health/ready");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("not ready"));
        File.Delete(folder);
    }
}
