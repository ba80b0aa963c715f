using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

internal abstract partial class RunStoreContract
{
    [Test]
    public async Task MoveAsync_KeepsEveryStepInTimelineInOrder_WhenStepsArriveInOneBatch()
    {
        var run = await MoveAsync(await CreateAsync(Occurrence(2101, Nine)), RunStatus.Trigger);
        RunChange[] steps =
        [
            new(run.RunId, run.Version, RunStatus.Trigger, RunStatus.Started, "agent batch-01", "accepted by agent batch-01"),
            new(run.RunId, run.Version, RunStatus.Started, RunStatus.Running, "agent batch-01", "process 4242 started", StartedAt: Nine.AddSeconds(1)),
            new(run.RunId, run.Version, RunStatus.Running, RunStatus.Success, "agent batch-01", "exit 0", ReturnCode: 0, FinishedAt: Nine.AddSeconds(2)),
        ];

        await using (var unit = await services!.GetRequiredService<RunEventBatches>().BeginAsync(None))
        {
            Assert.That(await unit.MoveAsync(run, steps, None), Is.Not.Null, "the run had not moved since it was read");
            await unit.CommitAsync(None);
        }

        var timeline = await Store.EventsAsync(run.RunId, None);
        var found = await Store.FindAsync(run.RunId, None);

        Assert.Multiple(() =>
        {
            Assert.That(timeline.Skip(2).Select(e => (e.From, e.To, e.Detail)), Is.EqualTo(new (RunStatus?, RunStatus, string?)[]
            {
                (RunStatus.Trigger, RunStatus.Started, "accepted by agent batch-01"),
                (RunStatus.Started, RunStatus.Running, "process 4242 started"),
                (RunStatus.Running, RunStatus.Success, "exit 0"),
            }), "run show lists each move the agent reported, in the order it happened");
            Assert.That((found!.Status, found.ReturnCode, found.StartedAt, found.FinishedAt), Is.EqualTo((RunStatus.Success, (int?)0, (DateTimeOffset?)Nine.AddSeconds(1), (DateTimeOffset?)Nine.AddSeconds(2))));
        });
    }

    [Test]
    public async Task MoveAsync_WritesTypedEventsAfterTheMovesInOneTransaction_WhenGivenTimeline()
    {
        var run = await MoveAsync(await CreateAsync(Occurrence(2102, Nine)), RunStatus.Trigger);
        RunChange[] steps =
        [
            new(run.RunId, run.Version, RunStatus.Trigger, RunStatus.Started, "agent batch-01", "accepted by agent batch-01"),
            new(run.RunId, run.Version, RunStatus.Started, RunStatus.Success, "agent batch-01", "exit 0", ReturnCode: 0, FinishedAt: Nine.AddSeconds(2)),
        ];
        NewTimelineEvent[] typed =
        [
            new(run.RunId, 1, "run_started", "info", "STARTED", "scheduler (monitoring)", "execution began on batch-01"),
            new(run.RunId, 1, "run_completed", "info", "SUCCESS", "scheduler (monitoring)", "completed on attempt 1"),
        ];

        await using (var unit = await services!.GetRequiredService<RunEventBatches>().BeginAsync(None))
        {
            Assert.That(await unit.MoveAsync(run, steps, typed, None), Is.Not.Null);

            // The run has moved on: a stale move writes neither its row nor any of its events.
            Assert.That(await unit.MoveAsync(run, steps, typed, None), Is.Null);
            await unit.CommitAsync(None);
        }

        var timeline = await services!.GetRequiredService<IMonitoringStore>().TimelineAsync(run.RunId, None);

        Assert.That(timeline.Skip(2).Select(e => (e.Type, e.Severity, e.From, e.To, e.Actor, e.Detail)), Is.EqualTo(new (string, string, string?, string?, string, string?)[]
        {
            ("status_changed", "info", "TRIGGER", "STARTED", "agent batch-01", "accepted by agent batch-01"),
            ("status_changed", "info", "STARTED", "SUCCESS", "agent batch-01", "exit 0"),
            ("run_started", "info", null, null, "scheduler (monitoring)", "execution began on batch-01"),
            ("run_completed", "info", null, null, "scheduler (monitoring)", "completed on attempt 1"),
        }), "the timeline shows the moves, then monitoring's events, each once, as when monitoring wrote them after the commit");
    }
}
