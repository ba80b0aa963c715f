using EasyTask.Scheduler.Tests.Hosting.Units;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

/// <summary>What <c>dotnet publish</c> ships, as the README's production steps lay it out.</summary>
[Category("Integration")]
internal sealed class PublishedLayoutTests
{
    [Test]
    public async Task PublishedScheduler_ShipsNoAgentExecutable_WhenItHostsTheAgentLibraryForStandalone()
    {
        var scheduler = Path.Combine(await PublishedBinaries.GetAsync(), "opt", "easytask");

        Assert.That(Directory.GetFiles(scheduler, "easytask-agent*"), Is.Empty, "an agent executable beside the scheduler would be a broken copy");
        Assert.That(File.Exists(Path.Combine(scheduler, "EasyTask.Agent.dll")), Is.True, "standalone hosts the agent from its library");
    }

    [Test]
    public async Task PublishedAgent_PrintsHelpAndExitsZero_WhenAskedForHelp()
    {
        var agent = Path.Combine(await PublishedBinaries.GetAsync(), "opt", "easytask-agent", "easytask-agent");

        var output = await ExternalCommand.RunAsync(agent, ["--help"], TimeSpan.FromSeconds(60));

        Assert.That(output, Does.Contain("Usage:").And.Contain("--name").And.Contain("bench"));
    }
}
