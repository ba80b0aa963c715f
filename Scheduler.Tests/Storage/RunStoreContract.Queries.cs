using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

internal abstract partial class RunStoreContract
{
    [Test]
    public async Task EventsAsync_ReturnsTheTimelineOldestFirst_WhenRunWentThroughItsLifecycle()
    {
        var run = await CreateAsync(Occurrence(2001, Nine));
        var other = await CreateAsync(Occurrence(2002, Nine));
        foreach (var to in new[] { RunStatus.Trigger, RunStatus.Started, RunStatus.Running, RunStatus.Success })
        {
            run = await MoveAsync(run, to);
            other = to == RunStatus.Success ? other : await MoveAsync(other, to);
        }

        var timeline = await Store.EventsAsync(run.RunId, None);

        Assert.Multiple(() =>
        {
            Assert.That(timeline.Select(e => (e.From, e.To)), Is.EqualTo(((RunStatus?, RunStatus)[])
            [
                (null, RunStatus.Active),
                (RunStatus.Active, RunStatus.Trigger),
                (RunStatus.Trigger, RunStatus.Started),
                (RunStatus.Started, RunStatus.Running),
                (RunStatus.Running, RunStatus.Success),
            ]));
            Assert.That(timeline.Select(e => e.At), Is.Ordered.Ascending);
            Assert.That(timeline[^1].At, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(timeline, Has.All.Property(nameof(RunEvent.RunId)).EqualTo(run.RunId), "another run's events stay out");
        });
    }

    [Test]
    public async Task FindAndEventsAsync_ReturnNothing_WhenRunDoesNotExist()
    {
        await CreateAsync(Occurrence(2001, Nine));
        var missing = Guid.NewGuid().ToString("D");

        Assert.That(await Store.FindAsync(missing, None), Is.Null);
        Assert.That(await Store.EventsAsync(missing, None), Is.Empty);
    }

    [Test]
    public async Task ListAsync_ReturnsNewestScheduledFirst_WhenRunsWereCreatedInAnotherOrder()
    {
        foreach (var hour in new[] { 3, 1, 4, 2 })
        {
            await CreateAsync(Occurrence(2001 + hour, Nine.AddHours(hour)));
        }

        var runs = await Store.ListAsync(new RunQuery(), None);

        Assert.That(runs.Select(r => r.ScheduledFor), Is.EqualTo((DateTimeOffset[])[Nine.AddHours(4), Nine.AddHours(3), Nine.AddHours(2), Nine.AddHours(1)]));
    }

    [Test]
    public async Task ListAsync_ReturnsOnlyTheTasksRuns_WhenFilteredByTask()
    {
        await Store.CreateAsync([Occurrence(1, Nine, "Load_Orders"), Occurrence(2, Nine, "Close_Books"), Occurrence(1, Nine.AddDays(1), "Load_Orders")], Actor, None);

        var runs = await Store.ListAsync(new RunQuery("Load_Orders"), None);

        Assert.That(runs.Select(r => (r.TaskName, r.ScheduledFor)), Is.EqualTo(((string, DateTimeOffset)[])[("Load_Orders", Nine.AddDays(1)), ("Load_Orders", Nine)]));
        Assert.That(await Store.ListAsync(new RunQuery("load_orders"), None), Is.Empty, "task names are case-sensitive on every provider");
    }

    [Test]
    public async Task ListAsync_ReturnsRunsInAnyOfTheStatuses_WhenFilteredByStatuses()
    {
        var active = await CreateAsync(Occurrence(1, Nine));
        var running = await MoveAsync(await MoveAsync(await MoveAsync(await CreateAsync(Occurrence(2, Nine)), RunStatus.Trigger), RunStatus.Started), RunStatus.Running);
        var failed = await CreateAsync(Occurrence(3, Nine) with { Status = RunStatus.Failed, Reason = RunReason.Missed });

        var runs = await Store.ListAsync(new RunQuery(Statuses: [RunStatus.Failed, RunStatus.Running]), None);

        Assert.That(runs.Select(r => r.RunId), Is.EquivalentTo((string[])[running.RunId, failed.RunId]));
        Assert.That(await Store.ListAsync(new RunQuery(Statuses: []), None), Has.Count.EqualTo(3), "no statuses means any status");
        Assert.That((await Store.ListAsync(new RunQuery(Statuses: [RunStatus.Active]), None)).Single().RunId, Is.EqualTo(active.RunId));
    }

    [Test]
    public async Task ListAsync_ReturnsRunsScheduledAtOrAfterTheInstant_WhenFilteredBySince()
    {
        await Store.CreateAsync([Occurrence(1, Nine.AddMilliseconds(-1)), Occurrence(1, Nine), Occurrence(1, Nine.AddHours(1))], Actor, None);

        var runs = await Store.ListAsync(new RunQuery(ScheduledSince: Nine), None);

        Assert.That(runs.Select(r => r.ScheduledFor), Is.EqualTo((DateTimeOffset[])[Nine.AddHours(1), Nine]));
    }

    [Test]
    public async Task ListAsync_ReturnsTheNewestRunsUpToTheLimit_WhenMoreRunsMatch()
    {
        await Store.CreateAsync(Enumerable.Range(0, 8).Select(i => Occurrence(1, Nine.AddDays(i))).ToList(), Actor, None);

        var runs = await Store.ListAsync(new RunQuery(Limit: 3), None);

        Assert.That(runs.Select(r => r.ScheduledFor), Is.EqualTo((DateTimeOffset[])[Nine.AddDays(7), Nine.AddDays(6), Nine.AddDays(5)]));
    }

    [Test]
    public async Task ListAsync_AppliesEveryFilterTogether_WhenQueryCombinesThem()
    {
        await Store.CreateAsync(
        [
            Occurrence(1, Nine, "Load_Orders"),
            Occurrence(1, Nine.AddDays(1), "Load_Orders"),
            Occurrence(1, Nine.AddDays(2), "Load_Orders") with { Status = RunStatus.Failed, Reason = RunReason.Missed },
            Occurrence(1, Nine.AddDays(3), "Load_Orders"),
            Occurrence(2, Nine.AddDays(3), "Close_Books"),
        ], Actor, None);

        var runs = await Store.ListAsync(new RunQuery("Load_Orders", [RunStatus.Active], Nine.AddDays(1), Limit: 10), None);

        Assert.That(runs.Select(r => r.ScheduledFor), Is.EqualTo((DateTimeOffset[])[Nine.AddDays(3), Nine.AddDays(1)]));
    }

    [Test]
    public async Task Timestamps_ReadBackAsWritten_WhenTheyCarryMillisecondsAndAnOffset()
    {
        var now = Clock.GetUtcNow();
        var scheduled = new DateTimeOffset(2026, 10, 25, 2, 30, 0, 999, TimeSpan.FromHours(2));
        var run = await CreateAsync(Occurrence(2001, scheduled));
        var startedAt = new DateTimeOffset(1999, 12, 31, 23, 59, 59, 1, TimeSpan.FromHours(-5));
        var finishedAt = new DateTimeOffset(2099, 1, 1, 0, 0, 0, 7, TimeSpan.Zero);

        await MoveAsync(run, RunStatus.Trigger, new() { StartedAt = startedAt, FinishedAt = finishedAt });
        var found = (await Store.ListAsync(new RunQuery("task_2001"), None)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(found.ScheduledFor, Is.EqualTo(scheduled));
            Assert.That(found.ScheduledFor.UtcTicks, Is.EqualTo(scheduled.UtcTicks));
            Assert.That(found.StartedAt, Is.EqualTo(startedAt));
            Assert.That(found.FinishedAt, Is.EqualTo(finishedAt));
            Assert.That(found.CreatedAt, Is.EqualTo(now));
        });
    }
}
