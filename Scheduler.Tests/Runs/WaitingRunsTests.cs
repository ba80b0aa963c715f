using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>The ordered set of runs waiting for a slot: the dispatch order, re-keyed when a task's priority changes.</summary>
internal sealed class WaitingRunsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);

    [Test]
    public void Best_OrdersByPriorityThenScheduledThenCreatedThenRunId_WhenRunsCompete()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("late", tid: 1, scheduled: Now.AddSeconds(5)), 10);
        waiting.Add(Run("b-same", tid: 1, scheduled: Now), 10);
        waiting.Add(Run("a-same", tid: 1, scheduled: Now), 10);
        waiting.Add(Run("created-first", tid: 1, scheduled: Now, created: Now.AddSeconds(-1)), 10);
        waiting.Add(Run("urgent", tid: 2, scheduled: Now.AddHours(1)), 90);

        Assert.That(waiting.Best("h", 10).Select(r => r.RunId), Is.EqualTo(new[] { "urgent", "created-first", "a-same", "b-same", "late" }));
        Assert.That(waiting.Best("h", 2).Select(r => r.RunId), Is.EqualTo(new[] { "urgent", "created-first" }));
    }

    [Test]
    public void Best_PassesOverSkippedRuns_WhenTheBestCannotBeSent()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("r1", tid: 1, scheduled: Now), 0);
        waiting.Add(Run("r2", tid: 1, scheduled: Now.AddSeconds(1)), 0);
        waiting.Add(Run("r3", tid: 1, scheduled: Now.AddSeconds(2)), 0);

        Assert.That(waiting.Best("h", 2, new HashSet<string> { "r1" }).Select(r => r.RunId), Is.EqualTo(new[] { "r2", "r3" }));
    }

    [Test]
    public void Rekey_MovesTheTasksRunsAhead_WhenItsPriorityRises()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("a1", tid: 1, scheduled: Now), 50);
        waiting.Add(Run("a2", tid: 1, scheduled: Now.AddSeconds(1)), 50);
        waiting.Add(Run("b1", tid: 2, scheduled: Now.AddSeconds(2)), 10);
        Assert.That(waiting.Ahead("b1"), Is.EqualTo(2));

        waiting.Rekey(2, r => r.Tid == 2 ? 80 : 50);

        Assert.That(waiting.Ahead("b1"), Is.EqualTo(0));
        Assert.That(waiting.Best("h", 3).Select(r => r.RunId), Is.EqualTo(new[] { "b1", "a1", "a2" }));
    }

    [Test]
    public void Rekey_TakesTheTasksRunsOutOfTheQueue_WhenTheTaskIsGone()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("gone", tid: 2, scheduled: Now), 90);
        waiting.Add(Run("kept", tid: 1, scheduled: Now.AddSeconds(1)), 10);

        waiting.Rekey(2, r => r.Tid == 2 ? null : 10);

        Assert.That(waiting.Best("h", 5).Select(r => r.RunId), Is.EqualTo(new[] { "kept" }), "a run of a deleted task takes no slot");
        Assert.That(waiting.Ahead("gone"), Is.Null);
        Assert.That(waiting.Ahead("kept"), Is.EqualTo(0));
    }

    [Test]
    public void Add_HoldsARunWithoutPriorityApart_AndRekeyBringsItBack_WhenItsTaskReturns()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("orphan", tid: 3, scheduled: Now), null);
        Assert.That(waiting.Count("h"), Is.Zero);

        waiting.Rekey(3, _ => 5);

        Assert.That(waiting.Best("h", 1).Select(r => r.RunId), Is.EqualTo(new[] { "orphan" }));
    }

    [Test]
    public void Remove_DropsTheRunFromItsHostAndTask_WhenItIsSent()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("r1", tid: 1, scheduled: Now), 0);
        waiting.Add(Run("r2", tid: 1, scheduled: Now.AddSeconds(1)), 0);

        Assert.That(waiting.Remove("r1"), Is.True);
        Assert.That(waiting.Remove("r1"), Is.False);
        waiting.Rekey(1, _ => 7);

        Assert.That(waiting.Best("h", 5).Select(r => r.RunId), Is.EqualTo(new[] { "r2" }));
        Assert.That(waiting.Ahead("r2"), Is.EqualTo(0));
        Assert.That(waiting.Ahead("r1"), Is.Null);
    }

    [Test]
    public void Best_KeepsHostsApart_WhenRunsWaitOnSeveralAgents()
    {
        var waiting = new WaitingRuns();
        waiting.Add(Run("here", tid: 1, scheduled: Now.AddSeconds(1)), 0);
        waiting.Add(Run("there", tid: 1, scheduled: Now, host: "other"), 99);

        Assert.That(waiting.Best("h", 5).Select(r => r.RunId), Is.EqualTo(new[] { "here" }));
        Assert.That(waiting.Ahead("here"), Is.EqualTo(0));
    }

    private static RunRecord Run(string id, long tid, DateTimeOffset scheduled, DateTimeOffset? created = null, string host = "h") =>
        new(id, tid, "t", scheduled, RunStatus.Trigger, null, 1, null, host, false, created ?? Now, null, null, 1);
}
