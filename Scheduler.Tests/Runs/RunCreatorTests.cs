using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Runs;

internal sealed class RunCreatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task CreateAsync_MovesRunActiveToTriggerAndDispatchesIt_WhenTaskHasNoDependencies()
    {
        await engine.InsertAsync(Task(1, "nightly"));

        await engine.FireAsync(1, Now);

        var run = (await engine.RunsOfAsync("nightly")).Single();
        Assert.That(run.Status, Is.EqualTo(RunStatus.Trigger));
        Assert.That(run.ScheduledFor, Is.EqualTo(Now));
        Assert.That(await engine.TimelineAsync(run), Is.EqualTo(new[] { "-->ACTIVE", "ACTIVE->TRIGGER" }));
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { run.RunId }));
    }

    [Test]
    public async Task CreateAsync_CreatesOneRun_WhenSameOccurrenceFiresTwice()
    {
        await engine.InsertAsync(Task(1, "once"));

        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now);

        Assert.That(await engine.RunsOfAsync("once"), Has.Count.EqualTo(1));
        Assert.That(engine.Dispatcher.Dispatched, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CreateAsync_RecordsSkippedRun_WhenPreviousRunStillGoesAndPolicyIsSkip()
    {
        await engine.InsertAsync(Task(1, "long"));
        await engine.FireAsync(1, Now);

        await engine.FireAsync(1, Now.AddMinutes(1));

        var runs = await engine.RunsOfAsync("long");
        Assert.That(runs.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Trigger, RunStatus.Failed }));
        Assert.That(runs[1].Reason, Is.EqualTo(RunReason.Skipped));
        Assert.That(engine.Dispatcher.Dispatched, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CreateAsync_RunsTheOccurrence_WhenFiredAheadOfItsInstantAndThePreviousRunEndsBeforeTheInstant()
    {
        await engine.InsertAsync(Task(1, "edge"));
        await engine.FireAsync(1, Now);
        var first = (await engine.RunsOfAsync("edge")).Single();

        // The clock fires the next occurrence its dispatch lead (100 ms by default) ahead; the previous run is still going.
        await engine.FireAsync(1, Now.AddMilliseconds(50));
        var beforeTheInstant = await engine.RunsOfAsync("edge");
        await engine.FinishAsync(first, RunStatus.Success);
        engine.Time.Advance(TimeSpan.FromMilliseconds(50));
        var taken = await engine.CreateQueuedAsync();

        var runs = await engine.RunsOfAsync("edge");
        Assert.That(beforeTheInstant, Has.Count.EqualTo(1), "no skip decided ahead of the instant");
        Assert.That(taken, Is.EqualTo(1));
        Assert.That(runs.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Success, RunStatus.Trigger }));
    }

    [Test]
    public async Task CreateAsync_SkipsAtTheInstant_WhenFiredAheadAndThePreviousRunStillGoesThen()
    {
        await engine.InsertAsync(Task(1, "edge"));
        await engine.FireAsync(1, Now);

        await engine.FireAsync(1, Now.AddMilliseconds(50));
        engine.Time.Advance(TimeSpan.FromMilliseconds(50));
        await engine.CreateQueuedAsync();

        var runs = await engine.RunsOfAsync("edge");
        Assert.That(runs.Select(r => (r.Status, r.Reason)), Is.EqualTo(new[] { (RunStatus.Trigger, (string?)null), (RunStatus.Failed, RunReason.Skipped) }));
        Assert.That(runs[1].ScheduledFor, Is.EqualTo(Now.AddMilliseconds(50)));
    }

    [Test]
    public async Task CreateAsync_HoldsSecondRunInActive_UntilPreviousFinishes_WhenPolicyIsQueue()
    {
        await engine.InsertAsync(Task(1, "queued") with { Concurrency = ConcurrencyPolicy.Queue });
        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now.AddMinutes(1));
        var before = await engine.RunsOfAsync("queued");

        await engine.FinishAsync(before[0], RunStatus.Success);

        var after = await engine.RunsOfAsync("queued");
        Assert.That(before.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Trigger, RunStatus.Active }));
        Assert.That(await engine.WaitingReasonAsync(before[1].RunId), Does.Not.Contain("queued behind"), "no longer queued");
        Assert.That(after.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Success, RunStatus.Trigger }));
    }

    [Test]
    public async Task CreateAsync_StartsBothRuns_WhenPolicyIsAllow()
    {
        await engine.InsertAsync(Task(1, "parallel") with { Concurrency = ConcurrencyPolicy.Allow });

        await engine.FireAsync(1, Now);
        await engine.FireAsync(1, Now.AddMinutes(1));

        Assert.That((await engine.RunsOfAsync("parallel")).Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Trigger, RunStatus.Trigger }));
    }

    internal static TaskDefinition Task(long tid, string name) => new()
    {
        Tid = tid,
        Name = name,
        Cmd = "true",
        RunOnHost = "localhost",
        TriggerTimes = "08:00",
        Timezone = "UTC",
    };
}
