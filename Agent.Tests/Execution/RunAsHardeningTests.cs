using EasyTask.Agent.Execution;
using EasyTask.Agent.Hosting;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>Switching users: nothing of the task acts while still root, and '*' never means root.</summary>
internal sealed class RunAsHardeningTests
{
    [Test]
    public void Create_StartsRunuserWithACleanEnvironment_AndSetsTaskVariablesAfterTheSwitch()
    {
        Assume.That(OperatingSystem.IsLinux());
        var task = new RunTask { RunId = "r1", Attempt = 1, Task = "t", Host = "h", Cmd = "true", Env = new Dictionary<string, string> { ["LD_PRELOAD"] = "/tmp/evil.so" } };

        var start = ShellCommand.Create(task, "/", runAs: "nobody");

        var words = start.ArgumentList.ToList();
        Assert.That(start.Environment.Keys, Is.EquivalentTo(new[] { "PATH" }), "runuser, still root, sees nothing of the task or the agent");
        Assert.That(words.IndexOf("LD_PRELOAD=/tmp/evil.so"), Is.GreaterThan(words.IndexOf("nobody")), "set by env(1), after the switch");
        var owner = words.IndexOf("nobody");
        Assert.That((words[owner + 1], Path.GetFileName(words[owner + 2]), words[owner + 3]), Is.EqualTo(("--", "env", "-i")));
    }

    [Test]
    public async Task RunAsOwner_DoesNotPreloadAsRoot_AndTheTaskStillSeesItsEnv()
    {
        Assume.That(OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess, "switching users needs an agent running as root on Linux");
        await using var agent = await AgentHarness.StartAsync(o => o.AllowedOwners = ["nobody"]);
        var task = agent.Task("echo \"$PROBE as $(id -un)\"") with
        {
            TaskOwner = "nobody",
            WorkingDir = "/",
            Env = new Dictionary<string, string> { ["PROBE"] = "visible", ["LD_PRELOAD"] = "/nonexistent/easytask-probe.so" },
        };

        var finished = await agent.RunAsync(task);

        Assert.That(finished.Status, Is.EqualTo("SUCCESS"), finished.Detail);
        Assert.That(File.ReadAllLines(agent.LogFile($"demo/{task.RunId}.1.out"))[0], Is.EqualTo("visible as nobody"));
        // ld.so names every process it was asked to preload into: only the task's shell and its id(1), never runuser (root).
        var preloadComplaints = File.ReadAllLines(agent.LogFile($"demo/{task.RunId}.1.err")).Count(l => l.Contains("easytask-probe.so", StringComparison.Ordinal));
        Assert.That(preloadComplaints, Is.EqualTo(2));
    }

    [Test]
    public void Decide_RefusesRoot_WhenOnlyTheWildcardAllowsIt()
    {
        var policy = new OwnerPolicy(new AgentOptions { Name = "a1", AllowedOwners = ["*"] }, "root", agentIsRoot: true);

        Assert.That(policy.Decide("root").Refusal, Does.Contain("superuser").And.Contain("AllowedOwners"));
        Assert.That(policy.Decide("nobody").Refusal, Is.Null);
    }

    [Test]
    public void Decide_AllowsRoot_WhenNamedExplicitly()
    {
        var policy = new OwnerPolicy(new AgentOptions { Name = "a1", AllowedOwners = ["*", "root"] }, "svc", agentIsRoot: true);

        Assert.That(policy.Decide("root").Refusal, Is.Null);
    }
}
