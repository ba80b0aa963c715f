using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>Runs the scheduler sends ahead of their instant (<see cref="RunTask.StartAt"/>) start at the instant, never before.</summary>
internal sealed class RunSupervisorStartAtTests
{
    private AgentHarness agent = null!;

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task AcceptAsync_StartsTheProcessNotBeforeStartAt_WhenTheRunArrivesAheadOfIt()
    {
        agent = await AgentHarness.StartAsync();
        var startAt = agent.Time.GetUtcNow().AddMilliseconds(400);
        var task = agent.Task("true") with { StartAt = startAt };

        var finished = await agent.RunAsync(task);

        Assert.That(finished.Status, Is.EqualTo("SUCCESS"));
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId).Single().At, Is.GreaterThanOrEqualTo(startAt));
    }

    [Test]
    public async Task AcceptAsync_StartsAfterMaxStartHold_WhenStartAtIsFurtherAheadThanTheCap()
    {
        agent = await AgentHarness.StartAsync(o => o.MaxStartHold = TimeSpan.FromMilliseconds(200));
        var task = agent.Task("true") with { StartAt = agent.Time.GetUtcNow().AddHours(1) };

        var finished = await agent.RunAsync(task);

        Assert.That(finished.Status, Is.EqualTo("SUCCESS"), "a scheduler clock an hour ahead does not park the run for an hour");
        Assert.That(finished.StartedAt, Is.LessThan(task.StartAt!.Value.AddMinutes(-59)));
    }

    [Test]
    public async Task CancelAsync_EndsAHeldRunWithoutStartingIt_WhenKilledBeforeItsInstant()
    {
        agent = await AgentHarness.StartAsync(o => o.MaxStartHold = TimeSpan.FromHours(2));
        var task = agent.Task("touch held-ran") with { StartAt = agent.Time.GetUtcNow().AddHours(1) };
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);

        await agent.Supervisor.CancelAsync(new CancelRun { RunId = task.RunId, Attempt = 1, RequestedBy = "alice" }, CancellationToken.None);

        var finished = await agent.Sink.FinishedAsync(task.RunId);
        Assert.That((finished.Status, finished.Reason, finished.StartedAt), Is.EqualTo(("TERMINATED", RunReason.Killed, (DateTimeOffset?)null)));
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId), Is.Empty);
        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "held-ran")), Is.False);
    }
}
