using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

internal abstract partial class RunStoreContract
{
    [Test]
    public async Task CreateAsync_StoresActiveRunAtVersionOneWithFirstEvent_WhenOccurrenceIsNew()
    {
        var now = Clock.GetUtcNow();
        var created = (await Store.CreateAsync([Occurrence(2001, Nine, detail: "trigger time 09:00")], Actor, None)).Single();
        var found = await Store.FindAsync(created.Run.RunId, None);
        var events = await Store.EventsAsync(created.Run.RunId, None);

        Assert.Multiple(() =>
        {
            Assert.That(created.Created, Is.True);
            Assert.That(created.Run.RunId, Has.Length.EqualTo(36));
            Assert.That(Guid.TryParse(created.Run.RunId, out _), Is.True, created.Run.RunId);
            Assert.That(created.Run, Is.EqualTo(new RunRecord(
                created.Run.RunId, 2001, "task_2001", Nine, RunStatus.Active, null, 1, null, "batch-01", false, now, null, null, 1)));
            Assert.That(found, Is.EqualTo(created.Run), "the run reads back as the create call answered");
            Assert.That(events, Is.EqualTo((RunEvent[])[new RunEvent(events[0].Id, created.Run.RunId, 1, now, Actor, null, RunStatus.Active, "trigger time 09:00")]));
        });
    }

    [Test]
    public async Task CreateAsync_KeepsTheAdhocFlagAndHost_WhenRunIsAdhoc()
    {
        var run = await CreateAsync(Occurrence(2001, Nine) with { Adhoc = true, Host = "payroll-02" });

        var found = await Store.FindAsync(run.RunId, None);

        Assert.That((found!.Adhoc, found.Host), Is.EqualTo((true, "payroll-02")));
    }

    [Test]
    public async Task CreateAsync_GivesEveryRunItsOwnId_WhenBatchHoldsSeveralOccurrences()
    {
        var batch = Enumerable.Range(0, 50).Select(i => Occurrence(2001 + (i % 5), Nine.AddMinutes(i))).ToList();

        var ids = (await Store.CreateAsync(batch, Actor, None)).Select(c => c.Run.RunId).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Length.EqualTo(36));
    }

    [Test]
    public async Task CreateAsync_ReturnsTheExistingRunNotCreated_WhenOccurrenceWasCreatedByAnEarlierCall()
    {
        var first = (await Store.CreateAsync([Occurrence(2001, Nine)], Actor, None)).Single();
        Clock.Advance(TimeSpan.FromMinutes(1));

        var second = (await Store.CreateAsync([Occurrence(2001, Nine) with { Host = "elsewhere" }], "scheduler:node-b", None)).Single();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(second.Created, Is.False);
            Assert.That(second.Run, Is.EqualTo(first.Run), "the stored run, untouched by the second call");
            Assert.That(await Store.ListAsync(new RunQuery(), None), Has.Count.EqualTo(1));
            Assert.That(await Store.EventsAsync(first.Run.RunId, None), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task CreateAsync_CreatesOneRun_WhenBatchHoldsTheSameOccurrenceTwice()
    {
        var results = await Store.CreateAsync([Occurrence(2001, Nine), Occurrence(2002, Nine), Occurrence(2001, Nine)], Actor, None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(results.Select(r => r.Created), Is.EqualTo((bool[])[true, true, false]));
            Assert.That(results[2].Run.RunId, Is.EqualTo(results[0].Run.RunId));
            Assert.That(results[2].Run, Is.EqualTo(await Store.FindAsync(results[0].Run.RunId, None)));
            Assert.That(await Store.ListAsync(new RunQuery(), None), Has.Count.EqualTo(2));
            Assert.That(await Store.EventsAsync(results[0].Run.RunId, None), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task CreateAsync_CreatesEveryRun_WhenOneBatchHoldsAThousandOccurrences()
    {
        var batch = Enumerable.Range(0, 1000).Select(i => Occurrence(1 + (i % 400), Nine.AddMinutes(i))).ToList();

        var started = TimeProvider.System.GetTimestamp();
        var results = await Store.CreateAsync(batch, Actor, None);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await TestContext.Progress.WriteLineAsync($"{GetType().Name}: created 1,000 runs in one batch in {elapsed.TotalMilliseconds:F0} ms");

        var stored = await Store.ListAsync(new RunQuery(Limit: 5000), None);
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(1000));
            Assert.That(results, Has.All.Property(nameof(RunCreation.Created)).True);
            Assert.That(stored.Select(r => (r.Tid, r.ScheduledFor)), Is.EquivalentTo(batch.Select(r => (r.Tid, r.ScheduledFor))));
            Assert.That(stored.Select(r => r.RunId), Is.EquivalentTo(results.Select(r => r.Run.RunId)));
        });
    }

    [Test]
    public async Task CreateAsync_CreatesExactlyOneRun_WhenSchedulersCreateTheSameOccurrenceConcurrently()
    {
        // Two schedulers during a takeover: both fire the same occurrence, one run must come out.
        var attempts = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => Store.CreateAsync([Occurrence(2001, Nine), Occurrence(3000 + i, Nine)], $"scheduler:{i}", None)))
            .ToList();

        var results = (await Task.WhenAll(attempts)).Select(r => r[0]).ToList();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(results.Count(r => r.Created), Is.EqualTo(1));
            Assert.That(results.Select(r => r.Run.RunId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await Store.ListAsync(new RunQuery("task_2001"), None), Has.Count.EqualTo(1));
            Assert.That(await Store.ListAsync(new RunQuery(), None), Has.Count.EqualTo(7));
        });
    }

    [TestCase(RunReason.Missed)]
    [TestCase(RunReason.Skipped)]
    public async Task CreateAsync_StoresFinishedRunAndFinalEvent_WhenOccurrenceIsCreatedFailed(string reason)
    {
        var now = Clock.GetUtcNow();
        var run = await CreateAsync(Occurrence(2001, Nine, detail: "scheduler was down") with { Status = RunStatus.Failed, Reason = reason });

        var found = await Store.FindAsync(run.RunId, None);
        var timeline = await Store.EventsAsync(run.RunId, None);

        Assert.Multiple(() =>
        {
            Assert.That(found!.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(found.Reason, Is.EqualTo(reason));
            Assert.That(found.FinishedAt, Is.EqualTo(now));
            Assert.That(found.StartedAt, Is.Null);
            Assert.That(timeline.Select(e => (e.From, e.To, e.Detail)), Is.EqualTo(((RunStatus?, RunStatus, string?)[])[(null, RunStatus.Failed, "scheduler was down")]));
        });
    }

    [Test]
    public async Task CreateAsync_ReturnsNothing_WhenBatchIsEmpty()
    {
        Assert.That(await Store.CreateAsync([], Actor, None), Is.Empty);
        Assert.That(await Store.ListAsync(new RunQuery(), None), Is.Empty);
    }
}
