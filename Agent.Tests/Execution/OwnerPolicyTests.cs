using EasyTask.Agent.Execution;
using EasyTask.Agent.Hosting;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class OwnerPolicyTests
{
    [Test]
    public void Decide_RunsAsAgentUser_WhenTaskNamesNoOwner()
    {
        var decision = Policy([], agentIsRoot: false).Decide(null);

        Assert.That(decision, Is.EqualTo(new OwnerDecision("svc-agent", RunAs: null, Refusal: null)));
    }

    [Test]
    public void Decide_RefusesOtherUsers_WhenAllowedOwnersIsLeftAtDefault()
    {
        var decision = Policy([], agentIsRoot: true).Decide("root");

        Assert.That(decision.Refusal, Does.Contain("task_owner 'root' is not allowed").And.Contain("allowed: svc-agent").And.Contain("AllowedOwners"));
    }

    [Test]
    public void Decide_SwitchesUser_WhenOwnerIsAllowedAndAgentIsRoot()
    {
        var decision = Policy(["batch", "etl"], agentIsRoot: true, agentUser: "root").Decide("etl");

        Assert.That(decision, Is.EqualTo(new OwnerDecision("etl", RunAs: "etl", Refusal: null)));
    }

    [Test]
    public void Decide_RefusesWithReason_WhenOwnerIsAllowedButAgentCannotSwitchUsers()
    {
        var decision = Policy(["batch"], agentIsRoot: false).Decide("batch");

        Assert.That(decision.Refusal, Does.Contain("only an agent running as root can switch users"));
    }

    [Test]
    public void Decide_AllowsAnyUser_WhenStarIsConfiguredExplicitly()
    {
        var decision = Policy(["*"], agentIsRoot: true, agentUser: "root").Decide("whoever");

        Assert.That(decision.RunAs, Is.EqualTo("whoever"));
    }

    [Test]
    public void Decide_RefusesOwnAgentUser_WhenAllowListLeavesItOut()
    {
        var decision = Policy(["batch"], agentIsRoot: true, agentUser: "root").Decide(null);

        Assert.That(decision.Refusal, Does.Contain("task_owner 'root' is not allowed"));
    }

    private static OwnerPolicy Policy(List<string> allowed, bool agentIsRoot, string agentUser = "svc-agent") =>
        new(new AgentOptions { Name = "host-1", AllowedOwners = allowed }, agentUser, agentIsRoot);
}
