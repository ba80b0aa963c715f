using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>
/// For a scheduler that reads folded reports (<see cref="RunTask.FoldReports"/>), a run's acceptance and start go out inside
/// the next report when it follows within the fold window: a short run costs two messages, and nothing is lost.
/// </summary>
internal sealed class RunSupervisorFoldingTests
{
    private AgentHarness agent = null!;

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task AcceptAsync_SendsOnlyTheResultCarryingStartAndAcceptance_WhenTheRunEndsWithinTheWindow()
    {
        agent = await AgentHarness.StartAsync(o => o.ReportFoldWindow = TimeSpan.FromSeconds(5));
        var task = agent.Task("true") with { FoldReports = true };

        var finished = await agent.RunAsync(task);

        Assert.That(agent.Sink.Of<RunAccepted>(task.RunId), Is.Empty);
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId), Is.Empty);
        Assert.That(finished.Start, Is.Not.Null);
        Assert.That(finished.Start!.ProcessId, Is.GreaterThan(0));
        Assert.That(finished.Start.At, Is.EqualTo(finished.StartedAt));
        Assert.That(finished.Start.AcceptedAt, Is.Not.Null.And.LessThanOrEqualTo(finished.Start.At));
    }

    [Test]
    public async Task AcceptAsync_SendsEveryReportOnItsOwn_WhenTheSchedulerDoesNotReadFoldedReports()
    {
        agent = await AgentHarness.StartAsync(o => o.ReportFoldWindow = TimeSpan.FromSeconds(5));
        var task = agent.Task("true");

        var finished = await agent.RunAsync(task);

        Assert.That(agent.Sink.Of<RunAccepted>(task.RunId), Has.Count.EqualTo(1));
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId), Has.Count.EqualTo(1));
        Assert.That(finished.Start, Is.Null, "an older scheduler gets the result as before");
    }

    [Test]
    public async Task AcceptAsync_SendsTheHeldStartOnItsOwn_WhenTheRunOutlastsTheWindow()
    {
        agent = await AgentHarness.StartAsync(o => o.ReportFoldWindow = TimeSpan.FromMilliseconds(100));
        var task = agent.Task("sleep 3") with { FoldReports = true };
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);

        var started = await agent.Sink.StartedAsync(task.RunId);

        Assert.That(agent.Sink.Of<RunFinished>(task.RunId), Is.Empty, "RUNNING is reported while the process runs");
        Assert.That(started.AcceptedAt, Is.Not.Null, "the acceptance went out inside the start");
        Assert.That(agent.Sink.Of<RunAccepted>(task.RunId), Is.Empty);
    }

    [Test]
    public async Task AcceptAsync_SendsTheHeldStartBeforeAnyOutput_WhenTheRunWritesWithinTheWindow()
    {
        agent = await AgentHarness.StartAsync(o =>
        {
            o.ReportFoldWindow = TimeSpan.FromSeconds(5);
            o.OutputBatchInterval = TimeSpan.FromMilliseconds(50);
        });
        var task = agent.Task("echo hello; sleep 1") with { FoldReports = true };

        await agent.RunAsync(task);

        var events = agent.Sink.Events.Where(e => e is RunStarted s && s.RunId == task.RunId || e is RunOutput o && o.RunId == task.RunId).ToList();
        Assert.That(events, Is.Not.Empty);
        Assert.That(events[0], Is.InstanceOf<RunStarted>(), "the scheduler hears of the start before the output");
    }

    [Test]
    public async Task DeliverAsync_CarriesTheStartFromTheJournal_WhenTheResultIsSentAgainLater()
    {
        agent = await AgentHarness.StartAsync(o =>
        {
            o.ReportFoldWindow = TimeSpan.FromSeconds(5);
            o.ResultRetryInterval = TimeSpan.FromMilliseconds(200);
        });
        agent.Sink.RefuseFinished = true;
        var task = agent.Task("true") with { FoldReports = true };
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        while (agent.Sink.FinishedRefusals == 0)
        {
            await Task.Delay(20);
        }

        agent.Sink.RefuseFinished = false;
        var finished = await agent.Sink.FinishedAsync(task.RunId);

        Assert.That(finished.Start?.ProcessId, Is.GreaterThan(0), "the retried result still carries the start the first attempt took with it");
        Assert.That(finished.Start!.AcceptedAt, Is.Not.Null);
    }
}
