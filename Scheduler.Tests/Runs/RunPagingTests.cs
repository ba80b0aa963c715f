using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using static EasyTask.Scheduler.Tests.Runs.RunCreatorTests;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>Re-checks and watches walk the whole backlog oldest first, a page at a time: no run starves behind newer ones.</summary>
internal sealed class RunPagingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private const int Backlog = RunPages.Size + 137;
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task Recheck_MovesEveryActiveRunOldestFirst_WhenMoreThanAPageWait()
    {
        await engine.InsertAsync(Task(1, "backlog"));
        var created = await engine.Runs.CreateAsync(
            [.. Enumerable.Range(0, Backlog).Select(i => new NewRun(1, "backlog", Now.AddSeconds(-i), "localhost"))], "test", default);

        await engine.Lifecycle.RecheckAsync(default);

        var oldest = created.MinBy(c => c.Run.ScheduledFor)!.Run;
        Assert.That(await engine.Runs.ListAsync(new RunQuery(Statuses: [RunStatus.Active], Limit: 10_000), default), Is.Empty);
        Assert.That(engine.Dispatcher.Dispatched, Has.Count.EqualTo(Backlog));
        Assert.That(engine.Dispatcher.Dispatched.First().RunId, Is.EqualTo(oldest.RunId), "the oldest goes first");
    }

    [Test]
    public async Task Watch_ResendsEveryUnacknowledgedRun_WhenMoreThanAPageAreInTrigger()
    {
        await engine.InsertAsync(Task(1, "backlog"));
        await engine.Lifecycle.CreateAsync([.. Enumerable.Range(0, Backlog).Select(i => new NewRun(1, "backlog", Now.AddSeconds(-i), "localhost"))], "test", default);
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);
        engine.Time.Advance(new DispatchOptions().AcknowledgeTimeout);

        await engine.Watch.CheckAsync(default);

        Assert.That(engine.Dispatcher.Dispatched.GroupBy(r => r.RunId).Count(g => g.Count() == 2), Is.EqualTo(Backlog), "each run sent, then sent again once");
    }

    [Test]
    public async Task OldestFirstAsync_ReadsEachRunOnce_AcrossPagesWithEqualScheduledTimes()
    {
        await engine.Runs.CreateAsync([.. Enumerable.Range(0, 25).Select(i => new NewRun(i, $"t{i}", Now.AddSeconds(i % 3), "localhost"))], "test", default);

        var seen = new List<RunRecord>();
        await foreach (var page in engine.Runs.OldestFirstAsync([RunStatus.Active], default, pageSize: 4))
        {
            seen.AddRange(page);
        }

        Assert.That(seen.Select(r => r.RunId), Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(25));
        Assert.That(seen.Select(r => r.ScheduledFor), Is.Ordered);
    }
}
