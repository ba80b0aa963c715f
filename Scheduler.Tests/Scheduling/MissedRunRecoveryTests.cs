using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using static EasyTask.Scheduler.Tests.Runs.RunCreatorTests;

namespace EasyTask.Scheduler.Tests.Scheduling;

internal sealed class MissedRunRecoveryTests
{
    private static readonly DateTimeOffset Defined = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Start_RunsLatestMissLateAndRecordsOlderAsMissed_WhenWithinGrace()
    {
        await using var engine = await EngineHarness.StartAsync(Defined);
        await engine.Tasks.InsertAsync(Task(1, "hourly") with { TriggerTimes = "01:00,02:00,03:00,04:00", MisfireGrace = 1800 }, "test", CancellationToken.None);
        engine.Time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(10));

        await engine.Engine.StartAsync(CancellationToken.None);

        var runs = await engine.RunsOfAsync("hourly");
        Assert.That(runs.Select(r => (r.ScheduledFor.Hour, r.Status, r.Reason)), Is.EqualTo(new[]
        {
            (1, RunStatus.Failed, (string?)RunReason.Missed),
            (2, RunStatus.Failed, RunReason.Missed),
            (3, RunStatus.Failed, RunReason.Missed),
            (4, RunStatus.Trigger, null),
        }));
        Assert.That(engine.Dispatcher.Dispatched.Single().ScheduledFor.Hour, Is.EqualTo(4));
    }

    [Test]
    public async Task Start_RecordsEveryMissAndRunsNothing_WhenLatestIsBeyondGrace()
    {
        await using var engine = await EngineHarness.StartAsync(Defined);
        await engine.Tasks.InsertAsync(Task(1, "daily") with { TriggerTimes = "01:00", MisfireGrace = 600 }, "test", CancellationToken.None);
        engine.Time.Advance(TimeSpan.FromDays(2));

        await engine.Engine.StartAsync(CancellationToken.None);

        var runs = await engine.RunsOfAsync("daily");
        Assert.That(runs.Select(r => r.Reason), Is.EqualTo(new[] { RunReason.Missed, RunReason.Missed }));
        Assert.That(engine.Dispatcher.Dispatched, Is.Empty);
    }

    [Test]
    public async Task Start_SaysWhichRuleRecordedEachMiss()
    {
        await using var engine = await EngineHarness.StartAsync(Defined);
        await engine.Tasks.InsertAsync(Task(1, "within") with { TriggerTimes = "01:00,04:00", MisfireGrace = 1800 }, "test", CancellationToken.None);
        await engine.Tasks.InsertAsync(Task(2, "beyond") with { TriggerTimes = "01:00", MisfireGrace = 600 }, "test", CancellationToken.None);
        engine.Time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(10));

        await engine.Engine.StartAsync(CancellationToken.None);

        var superseded = (await engine.RunsOfAsync("within")).First(r => r.Reason == RunReason.Missed);
        var tooOld = (await engine.RunsOfAsync("beyond")).Single();
        var supersededDetail = (await engine.Runs.EventsAsync(superseded.RunId, CancellationToken.None))[^1].Detail;
        var tooOldDetail = (await engine.Runs.EventsAsync(tooOld.RunId, CancellationToken.None))[^1].Detail;
        Assert.That(supersededDetail, Does.Contain("superseded by the later occurrence due 2026-11-23 04:00").And.Not.Contain("past misfire_grace"));
        Assert.That(tooOldDetail, Does.Contain("came back 3 h 10 min later, past misfire_grace 600 s").And.Not.Contain("superseded"));
    }

    [Test]
    public async Task Start_CreatesNothingTwice_WhenRestartedAgain()
    {
        await using var engine = await EngineHarness.StartAsync(Defined);
        await engine.Tasks.InsertAsync(Task(1, "hourly") with { TriggerTimes = "01:00,02:00" }, "test", CancellationToken.None);
        engine.Time.Advance(TimeSpan.FromHours(3));
        await engine.Engine.StartAsync(CancellationToken.None);

        await engine.Engine.StartAsync(CancellationToken.None);

        Assert.That(await engine.RunsOfAsync("hourly"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Start_IgnoresOccurrencesWhileInactive()
    {
        await using var engine = await EngineHarness.StartAsync(Defined);
        await engine.Tasks.InsertAsync(Task(1, "sleeping") with { Active = false }, "test", CancellationToken.None);
        engine.Time.Advance(TimeSpan.FromDays(3));

        await engine.Engine.StartAsync(CancellationToken.None);

        Assert.That(await engine.RunsOfAsync("sleeping"), Is.Empty);
    }
}
