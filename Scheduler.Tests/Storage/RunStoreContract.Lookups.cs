using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The look-ups the engine decides with: dependencies, concurrency, missed-run recovery.</summary>
internal abstract partial class RunStoreContract
{
    [Test]
    public async Task LatestAsync_ReturnsTheRunScheduledLast_WhenTaskRanSeveralTimes()
    {
        foreach (var day in new[] { 1, 3, 2 })
        {
            await CreateAsync(Occurrence(1, Nine.AddDays(day), "Load_Orders"));
        }

        await CreateAsync(Occurrence(2, Nine.AddDays(9), "Close_Books"));

        var latest = await Store.LatestAsync("Load_Orders", None);

        Assert.That(latest!.ScheduledFor, Is.EqualTo(Nine.AddDays(3)));
        Assert.That(await Store.LatestAsync("Never_Ran", None), Is.Null);
    }

    [Test]
    public async Task LatestFinishedAsync_ReturnsTheRunThatFinishedLast_WhenAnEarlierOccurrenceFinishedLater()
    {
        var early = await CreateAsync(Occurrence(1, Nine, "Load_Orders"));
        var late = await CreateAsync(Occurrence(1, Nine.AddDays(1), "Load_Orders"));
        var t0 = Clock.GetUtcNow();
        await FinishAsync(late, RunStatus.Success, t0.AddMinutes(1));
        await FinishAsync(early, RunStatus.Terminated, t0.AddMinutes(2));
        await FinishAsync(await CreateAsync(Occurrence(2, Nine, "Close_Books")), RunStatus.Success, t0.AddMinutes(3));

        var found = await Store.LatestFinishedAsync("Load_Orders", t0, None);

        Assert.That(found?.RunId, Is.EqualTo(early.RunId));
        Assert.That(await Store.LatestFinishedAsync("Never_Ran", t0, None), Is.Null);
    }

    [Test]
    public async Task LatestFinishedAsync_IgnoresSkippedOccurrencesButNotMissedOnes_WhenTheyFinishedLast()
    {
        var t0 = Clock.GetUtcNow();
        var done = await FinishAsync(await CreateAsync(Occurrence(1, Nine, "Load_Orders")), RunStatus.Success, t0.AddSeconds(1));
        Clock.Advance(TimeSpan.FromMinutes(5));
        await CreateAsync(Occurrence(1, Nine.AddDays(1), "Load_Orders") with { Status = RunStatus.Failed, Reason = RunReason.Skipped });

        var afterSkip = await Store.LatestFinishedAsync("Load_Orders", t0, None);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var missed = await CreateAsync(Occurrence(1, Nine.AddDays(2), "Load_Orders") with { Status = RunStatus.Failed, Reason = RunReason.Missed });
        var afterMiss = await Store.LatestFinishedAsync("Load_Orders", t0, None);

        Assert.That(afterSkip?.RunId, Is.EqualTo(done.RunId), "a skipped occurrence never ran, so it satisfies no dependency");
        Assert.That(afterMiss?.RunId, Is.EqualTo(missed.RunId));
    }

    [Test]
    public async Task LatestFinishedAsync_IgnoresRunsNotYetFinal_WhenARetryKeptAnEarlierFinishTime()
    {
        var t0 = Clock.GetUtcNow();
        var done = await FinishAsync(await CreateAsync(Occurrence(1, Nine, "Load_Orders")), RunStatus.Success, t0.AddSeconds(1));
        var retrying = await MoveAsync(await CreateAsync(Occurrence(1, Nine.AddDays(1), "Load_Orders")), RunStatus.Trigger, new() { Attempt = 2, FinishedAt = t0.AddMinutes(1) });

        var found = await Store.LatestFinishedAsync("Load_Orders", t0, None);

        Assert.That(retrying.FinishedAt, Is.Not.Null);
        Assert.That(found?.RunId, Is.EqualTo(done.RunId));
    }

    [Test]
    public async Task LatestFinishedAsync_CountsOnlyRunsFinishedStrictlyAfterTheInstant()
    {
        var finishedAt = Clock.GetUtcNow().AddSeconds(30);
        var done = await FinishAsync(await CreateAsync(Occurrence(1, Nine, "Load_Orders")), RunStatus.Failed, finishedAt);

        Assert.That(await Store.LatestFinishedAsync("Load_Orders", finishedAt, None), Is.Null);
        Assert.That((await Store.LatestFinishedAsync("Load_Orders", finishedAt.AddMilliseconds(-1), None))?.RunId, Is.EqualTo(done.RunId));
    }

    [Test]
    public async Task PreviousAsync_ReturnsTheTasksRunScheduledStrictlyBefore_WhenItHasEarlierRuns()
    {
        await Store.CreateAsync([Occurrence(1, Nine), Occurrence(1, Nine.AddDays(1)), Occurrence(1, Nine.AddDays(2)), Occurrence(2, Nine.AddHours(36))], Actor, None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Store.PreviousAsync(1, Nine.AddDays(2), None))?.ScheduledFor, Is.EqualTo(Nine.AddDays(1)));
            Assert.That((await Store.PreviousAsync(1, Nine.AddDays(1).AddMilliseconds(1), None))?.ScheduledFor, Is.EqualTo(Nine.AddDays(1)));
            Assert.That(await Store.PreviousAsync(1, Nine, None), Is.Null);
            Assert.That(await Store.PreviousAsync(3, Nine.AddDays(9), None), Is.Null);
        });
    }

    [Test]
    public async Task UnfinishedAsync_ReturnsEachTasksOldestRunNotYetFinal_WhenTasksHaveSeveral()
    {
        await FinishAsync(await CreateAsync(Occurrence(1, Nine)), RunStatus.Success, Nine.AddMinutes(1));
        await CreateAsync(Occurrence(1, Nine.AddDays(2)));
        var oldest = await MoveAsync(await MoveAsync(await CreateAsync(Occurrence(1, Nine.AddDays(1))), RunStatus.Trigger), RunStatus.Started);
        await CreateAsync(Occurrence(2, Nine) with { Status = RunStatus.Failed, Reason = RunReason.Missed });
        var third = await MoveAsync(await CreateAsync(Occurrence(3, Nine.AddDays(5))), RunStatus.Trigger);
        await CreateAsync(Occurrence(4, Nine));

        var unfinished = await Store.UnfinishedAsync([1, 2, 3, 3, 5], None);

        Assert.That(unfinished.Keys, Is.EquivalentTo((long[])[1, 3]));
        Assert.That(unfinished[1], Is.EqualTo(oldest));
        Assert.That(unfinished[3], Is.EqualTo(third));
        Assert.That(await Store.UnfinishedAsync([], None), Is.Empty);
    }

    [Test]
    public async Task UnfinishedAsync_AnswersForEveryTask_WhenAskedAboutMoreThanAThousand()
    {
        var tids = Enumerable.Range(1, 2500).Select(i => (long)i).ToList();
        await Store.CreateAsync(tids.Select(tid => Occurrence(tid, Nine.AddSeconds(tid))).ToList(), Actor, None);

        var unfinished = await Store.UnfinishedAsync([.. tids, 9001, 9002], None);

        Assert.That(unfinished, Has.Count.EqualTo(2500));
        Assert.That(unfinished.All(pair => pair.Value.Tid == pair.Key && pair.Value.ScheduledFor == Nine.AddSeconds(pair.Key)), Is.True);
    }

    [Test]
    public async Task LastScheduledAsync_ReturnsEachTasksLatestScheduledTime_WhateverTheRunsStatus()
    {
        Assert.That(await Store.LastScheduledAsync(None), Is.Empty);
        await CreateAsync(Occurrence(1, Nine));
        await CreateAsync(Occurrence(1, Nine.AddDays(2)) with { Status = RunStatus.Failed, Reason = RunReason.Missed });
        await CreateAsync(Occurrence(1, Nine.AddDays(1)));
        await CreateAsync(Occurrence(2, Nine.AddHours(5)));

        var last = await Store.LastScheduledAsync(None);

        Assert.That(last, Is.EquivalentTo(new Dictionary<long, DateTimeOffset> { [1] = Nine.AddDays(2), [2] = Nine.AddHours(5) }));
    }
}
