using Dapper;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>What monitoring's stores promise (timeline, failed-runs list, manual retry, alerts, health, retention), on every provider.</summary>
internal abstract class MonitoringStoreContract : StorageContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ITestDatabase? database;
    private ServiceProvider? services;

    private IRunStore Runs => services!.GetRequiredService<IRunStore>();

    private IMonitoringStore Store => services!.GetRequiredService<IMonitoringStore>();

    private IAlertStore Alerts => services!.GetRequiredService<IAlertStore>();

    [OneTimeSetUp]
    public async Task CreateSchemaAsync() => (database, services) = await CreateMigratedAsync();

    [OneTimeTearDown]
    public Task DropDatabaseAsync() => DisposeAsync(database, services);

    [SetUp]
    public async Task EmptyTablesAsync()
    {
        await using var connection = await services!.GetRequiredService<IDbConnectionFactory>().OpenAsync(None);
        foreach (var table in new[] { "run_events", "run_attempts", "failed_runs", "alert_deliveries", "alerts", "runs" })
        {
            await connection.ExecuteAsync($"DELETE FROM {table}");
        }
    }

    [Test]
    public async Task TimelineAsync_ListsTypedEventsAmongStatusMoves_InOrderWhileRunShowKeepsOnlyMoves()
    {
        var run = await NewRunAsync(1);
        var moved = await Runs.TransitionAsync(new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, "scheduler"), None);
        await Store.AppendAsync(new NewTimelineEvent(run.RunId, 1, "attempt_failed", "error", "TRIGGER", "monitor", "return code 3"), None);

        var timeline = await Store.TimelineAsync(run.RunId, None);
        var moves = await Runs.EventsAsync(run.RunId, None);

        Assert.That(timeline.Select(e => (e.Type, e.Severity, e.From, e.To)), Is.EqualTo(new[]
        {
            ("run_created", "info", (string?)null, (string?)"ACTIVE"),
            ("status_changed", "info", "ACTIVE", "TRIGGER"),
            ("attempt_failed", "error", null, null),
        }));
        Assert.That(moves, Has.Count.EqualTo(2));
        Assert.That(moved, Is.Not.Null);
    }

    [Test]
    public async Task WriteAsync_WritesWhatTheBatchCollectedInOrder_AndWritesAtOnceOnceItIsClosed()
    {
        var run = await NewRunAsync(7);
        var batch = new MonitoringBatch();

        var (before, failures) = await CollectAsync(batch, async () =>
        {
            await Store.AppendAsync(Event(run.RunId, "run_started"), None);
            await Store.AddFailedAsync(Failed(run.RunId, "billing", "host-a"), None);
            await Store.AppendAsync(Event(run.RunId, "attempt_started"), None);
        });
        var (afterClose, _) = await CollectAsync(batch, () => Store.AppendAsync(Event(run.RunId, "run_completed"), None));

        var timeline = await Store.TimelineAsync(run.RunId, None);
        Assert.That(before, Is.EqualTo(new[] { "run_created" }), "nothing is written before the batch is");
        Assert.That(failures, Is.Empty);
        Assert.That(afterClose, Does.Contain("run_completed"), "a closed batch takes no more: the write went to the database at once");
        Assert.That(timeline.Select(e => e.Type), Is.EqualTo(new[] { "run_created", "run_started", "attempt_started", "run_completed" }));
        Assert.That(await Store.FindFailedAsync(run.RunId, None), Is.Not.Null);
    }

    /// <summary>Runs the work with the batch open, reads the timeline, then writes the batch and closes it.</summary>
    private async Task<(List<string> Before, IReadOnlyList<MonitoringWriteFailure> Failures)> CollectAsync(MonitoringBatch batch, Func<Task> work)
    {
        Store.Batch = batch;
        await work();
        var runId = (await Runs.ListAsync(new RunQuery(), None)).Single().RunId;
        var before = (await Store.TimelineAsync(runId, None)).Select(e => e.Type).ToList();
        return (before, await Store.WriteAsync(batch, close: true, None));
    }

    private static NewTimelineEvent Event(string runId, string type) => new(runId, 1, type, "info", "RUNNING", "monitor", null);

    [Test]
    public async Task FailedAsync_ListsEntriesByTaskAndHost_UntilDismissed()
    {
        await Store.AddFailedAsync(Failed("r1", "billing", "host-a"), None);
        await Store.AddFailedAsync(Failed("r2", "billing", "host-b"), None);
        await Store.AddFailedAsync(Failed("r3", "reports", "host-a"), None);

        var billing = await Store.FailedAsync(new FailedRunQuery(Task: "billing"), None);
        var hostA = await Store.FailedAsync(new FailedRunQuery(Host: "host-a"), None);
        var dismissed = await Store.DismissAsync("r1", "alice", None);
        var after = await Store.FailedAsync(new FailedRunQuery(Task: "billing"), None);

        Assert.That(billing.Select(f => f.RunId), Is.EquivalentTo(new[] { "r1", "r2" }));
        Assert.That(hostA.Select(f => f.RunId), Is.EquivalentTo(new[] { "r1", "r3" }));
        Assert.That(dismissed, Is.True);
        Assert.That(after.Select(f => f.RunId), Is.EqualTo(new[] { "r2" }));
        Assert.That((await Store.FindFailedAsync("r1", None))!.DismissedBy, Is.EqualTo("alice"));
    }

    [Test]
    public async Task RemoveFailedAsync_TakesTheRunOffTheFailedList_WhenItIsRetried()
    {
        var run = await FailAsync(await NewRunAsync(2));
        await Store.AddFailedAsync(Failed(run.RunId, run.TaskName, run.Host), None);

        await Store.RemoveFailedAsync(run.RunId, None);
        await Store.RemoveFailedAsync(run.RunId, None);

        Assert.That(await Store.FindFailedAsync(run.RunId, None), Is.Null);
        Assert.That((await Store.FailedAsync(new FailedRunQuery(), None)).Select(f => f.RunId), Does.Not.Contain(run.RunId));
    }

    [Test]
    public async Task RaiseAsync_RecordsOneAlertPerKey_WhenRaisedTwice()
    {
        var alert = new NewAlert("run:r9:failed", "failed", "high", "r9", "billing", "host-a", "it failed");

        var first = await Alerts.RaiseAsync(alert, ["ops", "log"], None);
        var second = await Alerts.RaiseAsync(alert, ["ops", "log"], None);
        var listed = await Alerts.ListAsync(null, 10, None);

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.Null);
        Assert.That(listed, Has.Count.EqualTo(1));
        Assert.That(listed[0].Deliveries.Select(d => (d.Channel, d.Status)), Is.EquivalentTo(new[] { ("log", "pending"), ("ops", "pending") }));
    }

    [Test]
    public async Task ClaimDueAsync_HandsEachDeliveryOut_OnceUntilItFailsAndComesDueAgain()
    {
        var alert = (await Alerts.RaiseAsync(new NewAlert("host:a:circuit_open:1", "circuit_open", "critical", null, null, "a", "open"), ["ops"], None))!;
        var now = Clock.GetUtcNow();

        var first = await Alerts.ClaimDueAsync(now, now.AddMinutes(2), 10, None);
        var again = await Alerts.ClaimDueAsync(now, now.AddMinutes(2), 10, None);
        await Alerts.FailedAsync(alert.Id, "ops", "connection refused", now.AddSeconds(5), None);
        var early = await Alerts.ClaimDueAsync(now.AddSeconds(1), now.AddMinutes(2), 10, None);
        var due = await Alerts.ClaimDueAsync(now.AddSeconds(6), now.AddMinutes(2), 10, None);
        await Alerts.DeliveredAsync(alert.Id, "ops", None);

        Assert.That((first.Count, again.Count, early.Count, due.Count), Is.EqualTo((1, 0, 0, 1)));
        Assert.That(due[0].Delivery.Attempts, Is.EqualTo(1));
        Assert.That((await Alerts.ListAsync(null, 10, None))[0].Deliveries.Single().Status, Is.EqualTo("delivered"));
    }

    [Test]
    public async Task HealthAsync_CountsQueueByHostRunsByStatusFailedListAndPendingAlerts()
    {
        await NewRunAsync(3);
        await FailAsync(await NewRunAsync(4));
        await Store.AddFailedAsync(Failed("r5", "t", "batch-01"), None);
        await Alerts.RaiseAsync(new NewAlert("k", "failed", "high", null, null, null, "m"), ["log"], None);

        var health = await Store.HealthAsync(Clock.GetUtcNow(), None);

        Assert.That(health.QueueByHost, Is.EqualTo(new Dictionary<string, int> { ["batch-01"] = 1 }));
        Assert.That(health.LastHour, Is.EquivalentTo(new Dictionary<string, int> { ["ACTIVE"] = 1, ["FAILED"] = 1 }));
        Assert.That((health.FailedListSize, health.AlertsUndelivered), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task PurgeAsync_DeletesOldFinalRunsWithTheirRows_AndKeepsRecentOnes()
    {
        var old = await FailAsync(await NewRunAsync(6));
        await Store.AddFailedAsync(Failed(old.RunId, old.TaskName, old.Host), None);
        await Alerts.RaiseAsync(new NewAlert($"run:{old.RunId}:failed", "failed", "high", old.RunId, old.TaskName, old.Host, "m"), ["log"], None);
        Clock.Advance(TimeSpan.FromDays(2));
        var recent = await FailAsync(await NewRunAsync(7));

        var purged = await Store.PurgeAsync(Clock.GetUtcNow().AddDays(-1), 100, None);

        Assert.That(purged, Is.EqualTo(1));
        Assert.That(await Runs.FindAsync(old.RunId, None), Is.Null);
        Assert.That(await Store.TimelineAsync(old.RunId, None), Is.Empty);
        Assert.That(await Alerts.ListAsync(null, 10, None), Is.Empty);
        Assert.That(await Runs.FindAsync(recent.RunId, None), Is.Not.Null);
    }

    private async Task<RunRecord> NewRunAsync(long tid) =>
        (await Runs.CreateAsync([new NewRun(tid, $"task_{tid}", Clock.GetUtcNow(), "batch-01")], "scheduler", None)).Single().Run;

    private async Task<RunRecord> FailAsync(RunRecord run) =>
        (await Runs.TransitionAsync(new RunChange(run.RunId, run.Version, run.Status, RunStatus.Failed, "agent", Reason: RunReason.ExitCode, ReturnCode: 3, FinishedAt: Clock.GetUtcNow()), None))!;

    private FailedRun Failed(string runId, string task, string host) =>
        new(runId, 1, task, host, "FAILED", RunReason.ExitCode, "retryable", 3, 3, "return code 3", Clock.GetUtcNow());
}
