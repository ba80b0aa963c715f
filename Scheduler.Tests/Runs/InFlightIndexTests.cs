using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>The slot queue's copy of the runs in flight: news out of order never brings back a run that moved on.</summary>
internal sealed class InFlightIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);

    [Test]
    public void Apply_KeepsTheNewerState_WhenAnOlderNoticeOfTheRunArrivesLate()
    {
        var index = new InFlightIndex();
        index.Apply(Run("r1", RunStatus.Running, version: 4));
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        Assert.That(index.Of("h").Single().Status, Is.EqualTo(RunStatus.Running));
    }

    [Test]
    public void Apply_DoesNotBringBackARunThatEnded_WhenItsOfferArrivesAfterItsEnd()
    {
        var index = new InFlightIndex();
        index.Apply(Run("r1", RunStatus.Failed, version: 3));
        index.Apply(Run("r1", RunStatus.Trigger, version: 2));

        Assert.That(index.Of("h"), Is.Empty);
        Assert.That(index.Hosts(), Is.Empty);
    }

    [Test]
    public void Apply_TakesTheRetryBackIn_WhenTheRunReturnsToTriggerForItsNextAttempt()
    {
        var index = new InFlightIndex();
        index.Apply(Run("r1", RunStatus.Running, version: 4));
        index.Apply(Run("r1", RunStatus.Active, version: 5));
        index.Apply(Run("r1", RunStatus.Trigger, version: 6));

        Assert.That(index.Of("h").Single().Version, Is.EqualTo(6));
    }

    [Test]
    public void Reset_DropsRunsTheReadingNoLongerHas_AndKeepsThoseTakenInWhileItWasRead()
    {
        var index = new InFlightIndex();
        index.Apply(Run("ended-unseen", RunStatus.Running, version: 4));
        var since = index.Stamp;
        index.Apply(Run("offered-meanwhile", RunStatus.Trigger, version: 2));

        index.Reset([Run("waiting", RunStatus.Trigger, version: 2)], position: 10, since, epoch: 1);

        Assert.That(index.Of("h").Select(r => r.RunId).Order(), Is.EqualTo(new[] { "offered-meanwhile", "waiting" }));
        Assert.That(index.Position, Is.EqualTo(10));
        Assert.That(index.Epoch, Is.EqualTo(1));
    }

    [Test]
    public void Reset_DoesNotBringBackARunThatEndedWhileTheReadingWasTaken()
    {
        var index = new InFlightIndex();
        var since = index.Stamp;
        index.Apply(Run("r1", RunStatus.Success, version: 5));

        index.Reset([Run("r1", RunStatus.Running, version: 4)], position: 10, since, epoch: 1);

        Assert.That(index.Of("h"), Is.Empty);
    }

    private static RunRecord Run(string id, RunStatus status, long version) =>
        new(id, 1, "t", Now, status, null, 1, null, "h", false, Now, null, null, version);
}
