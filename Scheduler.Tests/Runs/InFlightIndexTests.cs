using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>
/// The slot queue's copy of the runs in flight: news out of order never brings back a run that moved on, and each host's runs
/// split into busy and waiting as sends and priority changes happen.
/// </summary>
internal sealed class InFlightIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
    private DispatchLedger ledger = null!;
    private TaskRegistry registry = null!;
    private InFlightIndex index = null!;

    [SetUp]
    public void Create()
    {
        ledger = new DispatchLedger(new FakeTimeProvider(Now));
        registry = new TaskRegistry();
        registry.Put(Task(1, "t", priority: 10));
        index = new InFlightIndex(ledger, registry, new WaitingPriority(registry));
    }

    [TearDown]
    public void Dispose() => index.Dispose();

    [Test]
    public void Apply_KeepsTheNewerState_WhenAnOlderNoticeOfTheRunArrivesLate()
    {
        index.Apply(Run("r1", RunStatus.Running, version: 4));
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        Assert.That(index.Busy("h"), Is.EqualTo(1));
        Assert.That(index.Waiting("h", 5), Is.Empty);
    }

    [Test]
    public void Apply_DoesNotBringBackARunThatEnded_WhenItsOfferArrivesAfterItsEnd()
    {
        index.Apply(Run("r1", RunStatus.Failed, version: 3));
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        Assert.That(index.Contains("r1"), Is.False);
        Assert.That(index.Waiting("h", 5), Is.Empty);
        Assert.That(index.Hosts(), Is.Empty);
    }

    [Test]
    public void Apply_TakesTheRetryBackIn_WhenTheRunReturnsToTriggerForItsNextAttempt()
    {
        index.Apply(Run("r1", RunStatus.Running, version: 4));
        index.Apply(Run("r1", RunStatus.Active, version: 5));
        index.Apply(Run("r1", RunStatus.Trigger, version: 6));

        Assert.That(index.Waiting("h", 5).Single().Version, Is.EqualTo(6));
        Assert.That(index.Busy("h"), Is.Zero);
    }

    [Test]
    public void Reset_DropsRunsTheReadingNoLongerHas_AndKeepsThoseTakenInWhileItWasRead()
    {
        index.Apply(Run("ended-unseen", RunStatus.Running, version: 4));
        var since = index.Stamp;
        index.Apply(Run("offered-meanwhile", RunStatus.Trigger, version: 2));

        index.Reset([Run("waiting", RunStatus.Trigger, version: 2)], position: 10, since, epoch: 1);

        Assert.That(index.Waiting("h", 5).Select(r => r.RunId).Order(), Is.EqualTo(new[] { "offered-meanwhile", "waiting" }));
        Assert.That(index.Busy("h"), Is.Zero, "the run that ended unseen no longer holds a slot");
        Assert.That(index.Position, Is.EqualTo(10));
        Assert.That(index.Epoch, Is.EqualTo(1));
    }

    [Test]
    public void Reset_DoesNotBringBackARunThatEndedWhileTheReadingWasTaken()
    {
        var since = index.Stamp;
        index.Apply(Run("r1", RunStatus.Success, version: 5));

        index.Reset([Run("r1", RunStatus.Running, version: 4)], position: 10, since, epoch: 1);

        Assert.That(index.Contains("r1"), Is.False);
        Assert.That(index.Busy("h"), Is.Zero);
    }

    [Test]
    public void Sent_MovesTheRunFromWaitingToBusy_WhenTheLedgerNotesItsSend()
    {
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));
        index.Apply(Run("r2", RunStatus.Trigger, version: 2, scheduled: Now.AddSeconds(1)));

        ledger.Sent("r1", 1);

        Assert.That(index.Busy("h"), Is.EqualTo(1));
        Assert.That(index.Waiting("h", 5).Select(r => r.RunId), Is.EqualTo(new[] { "r2" }));
        Assert.That(index.Ahead("r2"), Is.EqualTo(0));
    }

    [Test]
    public void Retain_PutsTheRunBackInTheQueue_WhenTheLedgerForgetsItsSend()
    {
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));
        ledger.Sent("r1", 1);

        ledger.Retain(new HashSet<string>());

        Assert.That(index.Busy("h"), Is.Zero);
        Assert.That(index.Waiting("h", 5).Select(r => r.RunId), Is.EqualTo(new[] { "r1" }));
    }

    [Test]
    public void Apply_CountsTheRunBusy_WhenItWasSentBeforeTheCopyHeardOfIt()
    {
        ledger.Seed("r1", 1, Now);

        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        Assert.That(index.Busy("h"), Is.EqualTo(1));
        Assert.That(index.Ahead("r1"), Is.Null);
    }

    [Test]
    public void Apply_FreesTheSlot_WhenASentRunEnds()
    {
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));
        ledger.Sent("r1", 1);

        index.Apply(Run("r1", RunStatus.Success, version: 4));

        Assert.That(index.Busy("h"), Is.Zero);
        Assert.That(index.Hosts(), Is.Empty);
    }

    [Test]
    public void Put_ReordersTheTasksWaitingRuns_WhenItsPriorityChanges()
    {
        registry.Put(Task(2, "other", priority: 50));
        index.Apply(Run("r-other", RunStatus.Trigger, version: 2, tid: 2));
        index.Apply(Run("r-mine", RunStatus.Trigger, version: 2, scheduled: Now.AddSeconds(-5)));
        Assert.That(index.Ahead("r-mine"), Is.EqualTo(1));

        registry.Put(Task(1, "t", priority: 90));

        Assert.That(index.Ahead("r-mine"), Is.EqualTo(0));
        Assert.That(index.Waiting("h", 1).Single().RunId, Is.EqualTo("r-mine"));
    }

    [Test]
    public void Remove_TakesTheTasksRunsOutOfTheQueue_WhenTheTaskIsDeleted()
    {
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        registry.Remove("t");

        Assert.That(index.Waiting("h", 5), Is.Empty, "a run of a deleted task takes no slot");
        Assert.That(index.Busy("h"), Is.Zero);
        Assert.That(index.Contains("r1"), Is.True, "still in flight: the run watch ends it");
    }

    [Test]
    public void Apply_LeavesNoSlotTaken_WhenABurstOfRunsEndsThroughLateAndRepeatedNews()
    {
        var random = new Random(12);
        var burst = Enumerable.Range(0, 200).Select(i => $"r{i:000}").ToList();
        foreach (var id in burst)
        {
            index.Apply(Run(id, RunStatus.Trigger, version: 2, scheduled: Now.AddSeconds(random.Next(50))));
        }

        for (var i = 0; i < burst.Count; i++)
        {
            var id = burst[i];

            // The pass sends, the feed repeats the offer, the agent's news and the feed's arrive in any order, late ones included.
            var news = new List<RunRecord>
            {
                Run(id, RunStatus.Trigger, version: 2), Run(id, RunStatus.Started, version: 3), Run(id, RunStatus.Running, version: 4), Run(id, RunStatus.Success, version: 5),
            };
            ledger.Sent(id, 1);
            foreach (var run in news.OrderBy(_ => random.Next()).Concat(news.OrderBy(_ => random.Next())))
            {
                index.Apply(run);
            }

            if (random.Next(4) == 0)
            {
                ledger.Retain(new HashSet<string>());
            }

            Assert.That((index.Busy("h"), index.Waiting("h", 500).Count), Is.EqualTo((0, burst.Count - i - 1)), $"after {id} ended");
        }

        Assert.That(index.Busy("h"), Is.Zero);
        Assert.That(index.Waiting("h", 500), Is.Empty);
        Assert.That(index.Hosts(), Is.Empty);
    }

    [Test]
    public void Invalidate_DropsTheQueue_WhenThisSchedulerStopsLeading()
    {
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        index.Invalidate();

        Assert.That(index.Waiting("h", 5), Is.Empty);
        Assert.That(index.Epoch, Is.Null);
    }

    private static RunRecord Run(string id, RunStatus status, long version, long tid = 1, DateTimeOffset? scheduled = null) =>
        new(id, tid, "t", scheduled ?? Now, status, null, 1, null, "h", false, Now, null, null, version);

    private static ScheduledTask Task(long tid, string name, int priority)
    {
        var definition = RunCreatorTests.Task(tid, name) with { Priority = priority };
        return new ScheduledTask(new StoredTask(definition, 1, false, Now, Now, ""), TaskSchedule.For(definition, null));
    }
}
