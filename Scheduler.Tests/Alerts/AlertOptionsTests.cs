using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Alerts;

namespace EasyTask.Scheduler.Tests.Alerts;

[TestFixture]
internal sealed class AlertOptionsTests
{
    [Test]
    public void ChannelsFor_LogsAlerts_WhenNothingIsConfigured() =>
        Assert.That(new AlertOptions().ChannelsFor(AlertKinds.Failed, "high", null), Is.EqualTo(new[] { "log" }));

    [Test]
    public void ChannelsFor_SendsToEveryChannel_WhenThereAreNoRules()
    {
        var options = WithChannels("ops", "mail");

        Assert.That(options.ChannelsFor(AlertKinds.Late, "medium", null), Is.EquivalentTo(new[] { "ops", "mail" }));
        Assert.That(options.ChannelsFor(AlertKinds.Succeeded, "low", null), Is.Empty, "succeeded is opt-in");
    }

    [Test]
    public void ChannelsFor_FollowsRulesByKindAndSeverity()
    {
        var options = WithChannels("ops", "pager");
        options.Rules.Add(new AlertRule { Severities = ["critical"], Channels = ["pager"] });
        options.Rules.Add(new AlertRule { Kinds = ["failed", "timed_out"], Channels = ["ops"] });

        Assert.That(options.ChannelsFor(AlertKinds.AgentLost, "critical", null), Is.EqualTo(new[] { "pager" }));
        Assert.That(options.ChannelsFor(AlertKinds.Failed, "high", null), Is.EqualTo(new[] { "ops" }));
        Assert.That(options.ChannelsFor(AlertKinds.Late, "medium", null), Is.Empty);
    }

    [Test]
    public void ChannelsFor_UsesTheTasksNotifyBlock_ForTheKindsItNames()
    {
        var options = WithChannels("ops", "team-a");
        var notify = new TaskNotify { Channels = ["team-a"], On = ["late"] };

        Assert.That(options.ChannelsFor(AlertKinds.Late, "medium", notify), Is.EqualTo(new[] { "team-a" }));
        Assert.That(options.ChannelsFor(AlertKinds.Failed, "high", notify), Is.EquivalentTo(new[] { "ops", "team-a" }));
    }

    [Test]
    public void SeverityOf_UsesTheDocumentedDefaults_UnlessConfigured()
    {
        var options = new AlertOptions();
        options.Severity["late"] = "high";

        Assert.That(
            new[] { AlertKinds.Failed, AlertKinds.TimedOut, AlertKinds.AgentLost, AlertKinds.CircuitOpen, AlertKinds.LongRunning, AlertKinds.Late }.Select(options.SeverityOf),
            Is.EqualTo(new[] { "high", "high", "critical", "critical", "medium", "high" }));
    }

    private static AlertOptions WithChannels(params string[] names)
    {
        var options = new AlertOptions();
        foreach (var name in names)
        {
            options.Channels[name] = new AlertChannelOptions { Type = "log" };
        }

        return options;
    }
}
