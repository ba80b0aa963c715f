using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

internal abstract partial class RunStoreContract
{
    [Test]
    public async Task TransitionAsync_MovesRunBumpsVersionAndAppendsOneEvent_WhenStatusAndVersionMatch()
    {
        var run = await CreateAsync(Occurrence(2001, Nine));
        Clock.Advance(TimeSpan.FromSeconds(3));
        var now = Clock.GetUtcNow();

        var moved = await Store.TransitionAsync(new RunChange(run.RunId, 1, RunStatus.Active, RunStatus.Trigger, "scheduler:dispatch", "sent to agent.batch-01"), None);
        var found = await Store.FindAsync(run.RunId, None);
        var timeline = await Store.EventsAsync(run.RunId, None);

        Assert.Multiple(() =>
        {
            Assert.That(moved, Is.EqualTo(run with { Status = RunStatus.Trigger, Version = 2 }), "only status and version change");
            Assert.That(found, Is.EqualTo(moved));
            Assert.That(timeline, Has.Count.EqualTo(2));
            Assert.That(timeline[1], Is.EqualTo(new RunEvent(timeline[1].Id, run.RunId, 1, now, "scheduler:dispatch", RunStatus.Active, RunStatus.Trigger, "sent to agent.batch-01")));
        });
    }

    [Test]
    public async Task TransitionAsync_ClearsReasonReturnCodeAndTimes_WhenANewAttemptBegins()
    {
        var run = await CreateAsync(Occurrence(2001, Nine));
        var trigger = await MoveAsync(run, RunStatus.Trigger);
        var started = await MoveAsync(trigger, RunStatus.Started, new() { StartedAt = Nine.AddSeconds(1) });
        var running = await MoveAsync(started, RunStatus.Running, new() { Reason = RunReason.AgentLost, ReturnCode = 143, FinishedAt = Nine.AddSeconds(5) });

        var retry = await MoveAsync(running, RunStatus.Active, new() { Attempt = 2 });

        Assert.That((retry.Reason, retry.ReturnCode, retry.StartedAt, retry.FinishedAt, retry.Attempt), Is.EqualTo(((string?)null, (int?)null, (DateTimeOffset?)null, (DateTimeOffset?)null, 2)),
            "attempt 2 must not show attempt 1's agent_lost 143");
    }

    [Test]
    public async Task TransitionAsync_SetsEveryFieldTheChangeGives_WhenRunMovesToItsEnd()
    {
        var run = await CreateAsync(Occurrence(2001, Nine));
        var startedAt = Nine.AddSeconds(2.5);
        var finishedAt = Nine.AddMinutes(7).AddMilliseconds(1);

        var trigger = await MoveAsync(run, RunStatus.Trigger);
        var started = await MoveAsync(trigger, RunStatus.Started, new() { Host = "batch-02", Attempt = 2, StartedAt = startedAt });
        var running = await MoveAsync(started, RunStatus.Running);
        var ended = await MoveAsync(running, RunStatus.Failed, new() { Reason = RunReason.ExitCode, ReturnCode = -3, FinishedAt = finishedAt });
        var found = await Store.FindAsync(run.RunId, None);
        var timeline = await Store.EventsAsync(run.RunId, None);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.EqualTo(run with
            {
                Status = RunStatus.Failed,
                Reason = RunReason.ExitCode,
                ReturnCode = -3,
                Attempt = 2,
                Host = "batch-02",
                StartedAt = startedAt,
                FinishedAt = finishedAt,
                Version = 5,
            }));
            Assert.That(ended, Is.EqualTo(found));
            Assert.That(timeline.Select(e => e.Attempt), Is.EqualTo((int[])[1, 1, 2, 2, 2]), "events carry the attempt the run is at");
        });
    }

    [Test]
    public async Task TransitionAsync_LeavesFieldsAsTheyAre_WhenChangeGivesNull()
    {
        var run = await CreateAsync(Occurrence(2001, Nine));
        var set = await MoveAsync(run, RunStatus.Trigger, new()
        {
            Reason = RunReason.DispatchFailed, ReturnCode = 0, Attempt = 3, Host = "batch-09", StartedAt = Nine.AddSeconds(1), FinishedAt = Nine.AddSeconds(2),
        });

        var kept = await MoveAsync(set, RunStatus.Started);

        Assert.That(kept, Is.EqualTo(set with { Status = RunStatus.Started, Version = 3 }));
    }

    [Test]
    public async Task TransitionAsync_ReturnsNullAndChangesNothing_WhenMessageIsRedelivered()
    {
        var run = await CreateAsync(Occurrence(2001, Nine));
        var change = new RunChange(run.RunId, 1, RunStatus.Active, RunStatus.Trigger, Actor, "sent");
        var moved = await Store.TransitionAsync(change, None);

        var again = await Store.TransitionAsync(change, None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(again, Is.Null);
            Assert.That(await Store.FindAsync(run.RunId, None), Is.EqualTo(moved));
            Assert.That(await Store.EventsAsync(run.RunId, None), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task TransitionAsync_ReturnsNullAndChangesNothing_WhenVersionIsStale()
    {
        var run = await MoveAsync(await CreateAsync(Occurrence(2001, Nine)), RunStatus.Trigger);

        var stale = await Store.TransitionAsync(
            new RunChange(run.RunId, 1, RunStatus.Trigger, RunStatus.Failed, Actor, Reason: RunReason.AgentLost, FinishedAt: Nine.AddHours(1)), None);

        await AssertUnchangedAsync(stale, run, events: 2);
    }

    [Test]
    public async Task TransitionAsync_ReturnsNullAndChangesNothing_WhenFromStatusIsStale()
    {
        var run = await MoveAsync(await CreateAsync(Occurrence(2001, Nine)), RunStatus.Trigger);

        var stale = await Store.TransitionAsync(
            new RunChange(run.RunId, run.Version, RunStatus.Running, RunStatus.Success, Actor, ReturnCode: 0, FinishedAt: Nine.AddHours(1)), None);

        await AssertUnchangedAsync(stale, run, events: 2);
    }

    [Test]
    public async Task TransitionAsync_ReturnsNull_WhenRunDoesNotExist()
    {
        var moved = await Store.TransitionAsync(new RunChange(Guid.NewGuid().ToString("D"), 1, RunStatus.Active, RunStatus.Trigger, Actor), None);

        Assert.That(moved, Is.Null);
    }

    [Test]
    public async Task TransitionAsync_AppliesExactlyOneOfConcurrentChanges_WhenTheyExpectTheSameVersion()
    {
        var run = await MoveAsync(await MoveAsync(await CreateAsync(Occurrence(2001, Nine)), RunStatus.Trigger), RunStatus.Started);

        // The agent's RunFinished and the heartbeat monitor's agent_lost race for the same run.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Store.TransitionAsync(
            new RunChange(run.RunId, run.Version, RunStatus.Started, i % 2 == 0 ? RunStatus.Success : RunStatus.Failed, $"racer-{i}"), None))));

        var winner = outcomes.Single(o => o is not null);
        var timeline = await Store.EventsAsync(run.RunId, None);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(outcomes.Count(o => o is null), Is.EqualTo(5));
            Assert.That(await Store.FindAsync(run.RunId, None), Is.EqualTo(winner));
            Assert.That(timeline, Has.Count.EqualTo(4));
            Assert.That(timeline[^1].To, Is.EqualTo(winner!.Status));
        });
    }

    private async Task AssertUnchangedAsync(RunRecord? answer, RunRecord before, int events)
    {
        var found = await Store.FindAsync(before.RunId, None);
        var timeline = await Store.EventsAsync(before.RunId, None);
        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.Null);
            Assert.That(found, Is.EqualTo(before), "a stale change leaves the run as it was");
            Assert.That(timeline, Has.Count.EqualTo(events), "a stale change appends no event");
        });
    }
}
