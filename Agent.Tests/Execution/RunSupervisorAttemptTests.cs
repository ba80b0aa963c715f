using EasyTask.Agent.Journal;
using EasyTask.Agent.Tests.Journal;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>Slow is not lost: stale attempts never start, and nothing starts before the journal is recovered.</summary>
internal sealed class RunSupervisorAttemptTests
{
    [Test]
    public async Task AcceptAsync_StartsNothing_WhenANewerAttemptOfTheRunWasSeen()
    {
        await using var agent = await AgentHarness.StartAsync();
        var retry = agent.Task("true") with { Attempt = 2 };
        await agent.RunAsync(retry);

        await agent.Supervisor.AcceptAsync(agent.Task("echo stale >> stale.txt", retry.RunId) with { Attempt = 1 }, CancellationToken.None);
        await agent.RunAsync(agent.Task("true"));

        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "stale.txt")), Is.False, "the old attempt never ran");
        Assert.That(agent.Sink.Of<RunAccepted>(retry.RunId).Select(a => a.Attempt), Is.EqualTo(new[] { 2 }), "the old attempt is not acknowledged either");
        Assert.That(agent.Log.Lines, Has.Some.Contains($"run {retry.RunId} attempt 1").And.Contains("older than attempt 2"));
    }

    [Test]
    public async Task AcceptAsync_StartsNothing_WhenANewerAttemptWasSeenBeforeARestart()
    {
        await using var agent = await AgentHarness.StartAsync();
        var retry = agent.Task("true") with { Attempt = 3 };
        await agent.RunAsync(retry);

        await agent.RestartAsync();
        await agent.Supervisor.AcceptAsync(agent.Task("echo stale >> stale.txt", retry.RunId) with { Attempt = 2 }, CancellationToken.None);
        await agent.RunAsync(agent.Task("true"));

        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "stale.txt")), Is.False);
        Assert.That(agent.Sink.Of<RunAccepted>(retry.RunId), Is.Empty);
    }

    [Test]
    public async Task AcceptAsync_RunsTheNewerAttempt_WhenTheOlderOneWasSeenFirst()
    {
        await using var agent = await AgentHarness.StartAsync();
        var first = agent.Task("true");
        await agent.RunAsync(first);

        await agent.Supervisor.AcceptAsync(agent.Task("echo again >> again.txt", first.RunId) with { Attempt = 2 }, CancellationToken.None);
        for (var i = 0; i < 3000 && agent.Sink.Of<RunFinished>(first.RunId).Count < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(agent.Sink.Of<RunFinished>(first.RunId).Select(f => (f.Attempt, f.Status)), Is.EqualTo(new[] { (1, "SUCCESS"), (2, "SUCCESS") }));
        Assert.That(File.ReadAllLines(Path.Combine(agent.WorkDirectory, "again.txt")), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task AcceptAsync_WaitsForJournalRecovery_WhenARunTaskArrivesBeforeTheAgentStarted()
    {
        Task early = Task.CompletedTask;
        await using var agent = await AgentHarness.StartAsync(beforeStart: a =>
        {
            using (var journal = new RunJournal(a.Options.EffectiveJournalDirectory, NullLogger<RunJournal>.Instance))
            {
                journal.Open();
                journal.WriteAsync(RunJournalTests.Entry("known", 1, JournalState.Accepted), durable: true).GetAwaiter().GetResult();
            }

            // The transport delivers the same attempt again before recovery has read the journal.
            early = a.Supervisor.AcceptAsync(a.Task("echo ran >> ran.txt", "known"), CancellationToken.None);
            Assert.That(early.IsCompleted, Is.False, "the RunTask waits until the journal is recovered");
        });
        await early;

        var result = await agent.Sink.FinishedAsync("known");
        Assert.That((result.Status, result.Reason), Is.EqualTo(("FAILED", RunReason.AgentLost)));
        Assert.That(result.Detail, Does.Contain("never ran"));
        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "ran.txt")), Is.False, "the journaled attempt is not started again");
    }
}
