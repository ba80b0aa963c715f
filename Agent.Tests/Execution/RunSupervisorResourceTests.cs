using System.Runtime;
using EasyTask.Agent.Tests.Support;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class RunSupervisorResourceTests
{
    private AgentHarness agent = null!;

    [SetUp]
    public async Task StartAgent() => agent = await AgentHarness.StartAsync();

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task AcceptAsync_LeavesNoPipeOpen_WhenRunsHaveFinished()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("counts the agent's open descriptors in /proc/self/fd");
        }

        // The first process start opens the runtime's own signal pipe, which stays for good.
        await agent.RunAsync(agent.Task("true"));

        // Without a collection nothing is finalized, so a pipe left to the finalizer stays open and is counted.
        var noCollection = GC.TryStartNoGCRegion(64 * 1024 * 1024);
        int before, after;
        try
        {
            before = OpenPipes();
            for (var i = 0; i < 8; i++)
            {
                await agent.RunAsync(agent.Task("echo out; echo err >&2"));
            }

            after = OpenPipes();
        }
        finally
        {
            if (noCollection && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }

        Assert.That(after, Is.LessThanOrEqualTo(before), "every run's stdin, stdout and stderr pipes are closed when it ends, not when the garbage collector gets to them");
    }

    private static int OpenPipes() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is { } target && target.StartsWith("pipe:", StringComparison.Ordinal));
}
