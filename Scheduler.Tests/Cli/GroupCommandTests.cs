using System.Net;
using System.Text;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

/// <summary><c>easytask group list|hold|release|activate|deactivate|run</c> against a running scheduler.</summary>
[Category("Integration")]
internal sealed class GroupCommandTests
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));
        foreach (var (tid, name) in new[] { (501L, "eod_extract"), (502L, "eod_load") })
        {
            using var response = await server.Http.PostAsync("api/v1/tasks",
                new StringContent(SampleDefinitions.Task(tid, name, ",\"group\": \"eod\""), Encoding.UTF8, "application/json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }
    }

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task HoldListRelease_ShowTheGroupsState()
    {
        var hold = await CliRun.RunAsync("group", "hold", "eod", "--server", server.Url);
        var listHeld = await CliRun.RunAsync("group", "list", "--server", server.Url);
        var release = await CliRun.RunAsync("group", "release", "eod", "--server", server.Url);
        var listReleased = await CliRun.RunAsync("group", "list", "--server", server.Url);

        Assert.That(hold.ExitCode, Is.Zero, hold.ToString());
        Assert.That(hold.Output, Does.Contain("Group eod: put on hold 2 task(s): eod_extract, eod_load"));
        Assert.That(listHeld.Output, Does.Match(@"eod\s+on_hold\s+2\s+2\s+0\s+2"));
        Assert.That(release.Output, Does.Contain("Group eod: released 2 task(s)"));
        Assert.That(listReleased.Output, Does.Match(@"eod\s+active\s+2\s+2\s+0\s+0"));
    }

    [Test]
    public async Task DeactivateActivate_ChangeEveryTask()
    {
        var deactivate = await CliRun.RunAsync("group", "deactivate", "eod", "--server", server.Url);
        var list = await CliRun.RunAsync("group", "list", "--json", "--server", server.Url);
        var activate = await CliRun.RunAsync("group", "activate", "eod", "--server", server.Url);

        Assert.That(deactivate.Output, Does.Contain("Group eod: deactivated 2 task(s)"), deactivate.ToString());
        Assert.That(list.Output, Does.Contain("\"state\": \"inactive\""));
        Assert.That(activate.Output, Does.Contain("Group eod: activated 2 task(s)"), activate.ToString());
    }

    [Test]
    public async Task Run_PrintsARunPerTask()
    {
        var run = await CliRun.RunAsync("group", "run", "eod", "--server", server.Url);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Group eod: started 2 run(s)"));
        Assert.That(run.Output, Does.Match(@"eod_extract: run \S+").And.Match(@"eod_load: run \S+"));
    }

    [Test]
    public async Task Hold_Exits1WithTheServersReason_WhenTheGroupIsUnknown()
    {
        var run = await CliRun.RunAsync("group", "hold", "nobody_here", "--server", server.Url);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("404").And.Contain("nobody_here"));
    }
}
