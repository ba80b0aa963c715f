using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class RunSupervisorOwnerTests
{
    [Test]
    public async Task AcceptAsync_FailsWithoutStartingProcess_WhenOwnerIsNotAllowed()
    {
        await using var agent = await AgentHarness.StartAsync();
        var task = agent.Task("touch ran") with { TaskOwner = "mallory" };

        var finished = await agent.RunAsync(task);

        Assert.That((finished.Status, finished.Cause), Is.EqualTo(("FAILED", NotStartedCause.OwnerNotAllowed)));
        Assert.That(finished.Detail, Does.Contain("'mallory'").And.Contain("AllowedOwners"));
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId), Is.Empty);
        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "ran")), Is.False);
    }

    [Test]
    public async Task AcceptAsync_RunsAsOwner_WhenOwnerIsAllowedAndAgentIsRoot()
    {
        Assume.That(OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess, "switching users needs an agent running as root on Linux");
        await using var agent = await AgentHarness.StartAsync(o => o.AllowedOwners = ["nobody"]);
        var task = agent.Task("id -un; echo $HOME") with { TaskOwner = "nobody", WorkingDir = "/" };

        var finished = await agent.RunAsync(task);

        Assert.That(finished.Status, Is.EqualTo("SUCCESS"), finished.Detail);
        Assert.That(File.ReadAllLines(agent.LogFile($"demo/{task.RunId}.1.out"))[0], Is.EqualTo("nobody"));
    }
}
