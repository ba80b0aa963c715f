using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>Capacity-aware dispatch, with the test playing an agent of one slot (heartbeats and acknowledgements).</summary>
internal sealed class SlotQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start()
    {
        engine = await EngineHarness.StartAsync(Now);
        engine.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DispatchOptions>>().Value.Prefetch = 0;
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", Capacity = 1, StartedAt = Now, At = Now }, default);
    }

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task OfferAsync_SendsOnlyWhatTheAgentCanStart_AndExplainsTheWaitOfTheRest()
    {
        await engine.InsertAsync(Task(1, "low", 10));
        for (var day = -2; day <= 0; day++)
        {
            // The task's own occurrences (08:00 each day), so explain finds the run of each.
            await engine.FireAsync(1, new DateTimeOffset(Now.Date.AddDays(day).AddHours(8), TimeSpan.Zero));
        }

        var runs = await engine.RunsOfAsync("low");
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { runs[0].RunId }), "one slot: one run sent");
        Assert.That(runs.Select(r => r.Status), Is.All.EqualTo(RunStatus.Trigger), "the others wait in TRIGGER");
        Assert.That(await engine.WaitingReasonAsync(runs[1].RunId), Is.EqualTo("waiting for a free slot on localhost, 0 ahead"));
        Assert.That(await engine.WaitingReasonAsync(runs[2].RunId), Is.EqualTo("waiting for a free slot on localhost, 1 ahead"));
        Assert.That(await engine.WaitingReasonAsync(runs[0].RunId), Is.Null, "sent: waiting for the agent, not for a slot");
        Assert.That(await engine.ExplainAsync("low", runs[2].ScheduledFor), Does.Contain("waiting for a free slot on localhost, 1 ahead"));
    }

    [Test]
    public async Task PumpAsync_SendsTheHighPriorityRunNext_WhenItQueuedAfterTenLowPriorityRuns()
    {
        await engine.InsertAsync(Task(1, "low", 10));
        await engine.InsertAsync(Task(2, "high", 90));
        for (var i = 0; i < 10; i++)
        {
            await engine.FireAsync(1, Now.AddSeconds(i));
        }

        await engine.FireAsync(2, Now.AddSeconds(20));
        var first = engine.Dispatcher.Dispatched.Single();
        await PlayAgentAsync(first);

        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.TaskName), Is.EqualTo(new[] { "low", "high" }), "the freed slot goes to priority 90");
    }

    [Test]
    public async Task PumpAsync_UsesTheChangedPriority_ForRunsStillWaiting()
    {
        await engine.InsertAsync(Task(1, "a", 50));
        var b = await engine.InsertAsync(Task(2, "b", 10));
        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now.AddSeconds(1));
        await engine.FireAsync(2, Now.AddSeconds(2));
        var waiting = (await engine.RunsOfAsync("b")).Single();
        Assert.That(await engine.WaitingReasonAsync(waiting.RunId), Is.EqualTo("waiting for a free slot on localhost, 1 ahead"));

        var raised = await engine.Tasks.UpdateAsync("b", Task(2, "b", 80), b.Version, "test", default);
        await engine.SavedAsync(raised);

        Assert.That(await engine.WaitingReasonAsync(waiting.RunId), Is.EqualTo("waiting for a free slot on localhost, 0 ahead"));
        await PlayAgentAsync(engine.Dispatcher.Dispatched.Single());
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.TaskName), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task PumpAsync_SendsARunAnotherSchedulerMovedToTrigger_AtTheLeadersNextPass()
    {
        await engine.InsertAsync(Task(1, "a", 10));
        await engine.FireAsync(1, Now);
        await PlayAgentAsync(engine.Dispatcher.Dispatched.Single());

        // A follower serving the API writes the run and its move to TRIGGER; this scheduler (the leader) is not told.
        var created = (await engine.Runs.CreateAsync([new NewRun(1, "a", Now.AddSeconds(5), "localhost")], "follower", default)).Single().Run;
        await engine.Runs.TransitionAsync(new RunChange(created.RunId, created.Version, RunStatus.Active, RunStatus.Trigger, "follower"), default);
        await engine.Services.GetRequiredService<SlotQueue>().PumpAsync(default);

        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId).Last(), Is.EqualTo(created.RunId), "sent by the leader's next pass, not at the next watch");
    }

    [Test]
    public async Task PumpAsync_SendsTheRunsStillWaitingInTrigger_AfterTheSchedulerRestarts()
    {
        await engine.InsertAsync(Task(1, "low", 10));
        for (var i = 0; i < 3; i++)
        {
            await engine.FireAsync(1, Now.AddSeconds(i));
        }

        var runs = await engine.RunsOfAsync("low");
        engine = await engine.RestartAsync();
        engine.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DispatchOptions>>().Value.Prefetch = 0;
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", Capacity = 1, StartedAt = Now, At = Now }, default);
        await engine.Services.GetRequiredService<SlotQueue>().PumpAsync(default);

        // The restarted scheduler never saw the first send: it sends the oldest again (the agent refuses an attempt it has).
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { runs[0].RunId }));
        Assert.That(await engine.WaitingReasonAsync(runs[2].RunId), Is.EqualTo("waiting for a free slot on localhost, 1 ahead"));
        await PlayAgentAsync(engine.Dispatcher.Dispatched.Single());
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { runs[0].RunId, runs[1].RunId }), "the waiting runs go on in order");
    }

    [Test]
    public async Task PumpAsync_GivesTheSlotOfARunEndedElsewhereToTheNextRun_WhenThisSchedulerWasNotTold()
    {
        await engine.InsertAsync(Task(1, "a", 10));
        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now.AddSeconds(1));
        var first = engine.Dispatcher.Dispatched.Single();

        // Another scheduler of the cluster records the agent's reports; this one hears nothing of them.
        var current = (await engine.Runs.FindAsync(first.RunId, default))!;
        var started = await engine.Runs.TransitionAsync(new RunChange(current.RunId, current.Version, RunStatus.Trigger, RunStatus.Running, "follower", StartedAt: Now), default);
        await engine.Runs.TransitionAsync(new RunChange(started!.RunId, started.Version, RunStatus.Running, RunStatus.Success, "follower", Reason: RunReason.ExitCode, ReturnCode: 0, FinishedAt: Now), default);
        await engine.Services.GetRequiredService<SlotQueue>().PumpAsync(default);

        Assert.That(engine.Dispatcher.Dispatched, Has.Count.EqualTo(2), "the freed slot went to the waiting run");
    }

    [Test]
    public async Task PumpAsync_GivesTheFreedSlotToTheNextRun_WhenTheBestWaitingRunsTaskWasDeleted()
    {
        await engine.InsertAsync(Task(1, "low", 10));
        await engine.InsertAsync(Task(2, "doomed", 90));
        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now.AddSeconds(1));
        await engine.FireAsync(2, Now.AddSeconds(2));
        var next = (await engine.RunsOfAsync("low"))[1];
        Assert.That(await engine.WaitingReasonAsync(next.RunId), Is.EqualTo("waiting for a free slot on localhost, 1 ahead"));

        await engine.Tasks.DeleteAsync("doomed", default);
        await engine.Services.GetRequiredService<Scheduler.Definitions.ITaskChangeListener>().TaskDeletedAsync("doomed", default);

        Assert.That(await engine.WaitingReasonAsync(next.RunId), Is.EqualTo("waiting for a free slot on localhost, 0 ahead"), "a run of a deleted task is not ahead");
        await PlayAgentAsync(engine.Dispatcher.Dispatched.Single());
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId).Last(), Is.EqualTo(next.RunId), "the deleted task's run takes no slot");
    }

    [Test]
    public async Task PumpAsync_SendsTheRunAgainInOrder_WhenTheLedgerForgotItsSend()
    {
        await engine.InsertAsync(Task(1, "a", 10));
        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now.AddSeconds(1));
        var runs = await engine.RunsOfAsync("a");

        // The run watch's Retain dropped what the ledger knew (as after a restart): the first run waits again, first in line.
        engine.Services.GetRequiredService<DispatchLedger>().Retain(new HashSet<string>());
        await engine.Services.GetRequiredService<SlotQueue>().PumpAsync(default);

        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { runs[0].RunId, runs[0].RunId }));
        Assert.That(await engine.WaitingReasonAsync(runs[1].RunId), Is.EqualTo("waiting for a free slot on localhost, 0 ahead"));
    }

    /// <summary>The agent acknowledges, runs and finishes the run; the engine hears of the freed slot.</summary>
    private async Task PlayAgentAsync(RunRecord run)
    {
        await engine.Lifecycle.AcceptedAsync(new RunAccepted { RunId = run.RunId, Attempt = 1, Host = "localhost", At = Now }, default);
        await engine.Lifecycle.StartedAsync(new RunStarted { RunId = run.RunId, Attempt = 1, Host = "localhost", At = Now }, default);
        await engine.Lifecycle.FinishedAsync(
            new RunFinished { RunId = run.RunId, Attempt = 1, Host = "localhost", Status = "SUCCESS", Reason = RunReason.ExitCode, ReturnCode = 0, StartedAt = Now, FinishedAt = Now },
            default);
        await engine.Services.GetRequiredService<SlotQueue>().PumpAsync(default);
    }

    private static TaskDefinition Task(long tid, string name, int priority) => RunCreatorTests.Task(tid, name) with { Priority = priority, Concurrency = ConcurrencyPolicy.Allow };
}
