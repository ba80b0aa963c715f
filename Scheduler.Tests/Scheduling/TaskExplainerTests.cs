using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using static EasyTask.Scheduler.Tests.Runs.RunCreatorTests;

namespace EasyTask.Scheduler.Tests.Scheduling;

internal sealed class TaskExplainerTests
{
    // Monday 23 November 2026, 12:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task Explain_SaysInactive_WhenTaskIsDeactivated()
    {
        await engine.InsertAsync(Task(1, "sleeper") with { Active = false });

        Assert.That(await engine.ExplainAsync("sleeper"), Does.Contain("sleeper is inactive (IDLE): it is never triggered"));
    }

    [Test]
    public async Task Explain_SaysOnHold_WhenTaskIsHeld()
    {
        await engine.InsertAsync(Task(1, "held"));
        await engine.SavedAsync(await engine.Tasks.SetHoldAsync("held", true, "test", CancellationToken.None));

        var text = await engine.ExplainAsync("held");

        Assert.That(text, Does.Contain("held is on hold").And.Contain("easytask task release held"));
        Assert.That(text, Does.Not.Contain("Next occurrence"));
    }

    [Test]
    public async Task Explain_NamesWeekdayMask_WhenDayIsExcluded()
    {
        await engine.InsertAsync(Task(1, "weekdays") with { DayOfWeek = "1111100" });

        var text = await engine.ExplainAsync("weekdays", new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

        Assert.That(text, Does.Contain("weekdays does not run on 2026-11-22: Sunday is excluded by day_of_week 1111100"));
    }

    [Test]
    public async Task Explain_NamesHolidayAndCalendar_WhenDayIsAHoliday()
    {
        await engine.InsertAsync(Task(1, "Generate_Invoice") with { Timezone = "America/New_York", TriggerTimes = "07:00", Calendar = BuiltInCalendars.UsHolidays });

        var text = await engine.ExplainAsync("Generate_Invoice", new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.FromHours(-5)));

        Assert.That(text, Does.Contain("does not run on 2026-11-26: 2026-11-26 is a holiday in calendar US_HOLIDAYS: Thanksgiving Day"));
    }

    [Test]
    public async Task Explain_NamesUpstreamAndItsLatestRun_WhenWaitingForDependency()
    {
        await engine.InsertAsync(Task(1, "Generate_Invoice"));
        await engine.InsertAsync(Task(2, "Send_Email_Invoice") with { DependsOn = [new TaskDependency { Task = "Generate_Invoice" }] });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FireAsync(1, engine.Time.GetUtcNow());
        await engine.FireAsync(2, engine.Time.GetUtcNow());
        var upstream = (await engine.RunsOfAsync("Generate_Invoice")).Single();

        var text = await engine.ExplainAsync("Send_Email_Invoice");

        Assert.That(text, Does.Contain("is ACTIVE, waiting for Generate_Invoice (success)").And.Contain($"its latest run {upstream.RunId} is TRIGGER"));
    }

    [Test]
    public async Task Explain_SaysSkipped_WhenPreviousRunWasStillGoing()
    {
        await engine.InsertAsync(Task(1, "overlap"));
        await engine.FireAsync(1, Now.AddMinutes(1));
        await engine.FireAsync(1, Now.AddMinutes(2));
        engine.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.That(await engine.ExplainAsync("overlap"), Does.Contain("was skipped: the previous run was still going (concurrency skip)"));
    }

    [Test]
    public async Task Explain_SaysMissed_WhenOccurrencePassedWhileSchedulerWasDown()
    {
        await engine.Tasks.InsertAsync(Task(1, "nightly") with { TriggerTimes = "02:00", MisfireGrace = 60 }, "test", CancellationToken.None);
        engine.Time.Advance(TimeSpan.FromDays(1));
        await engine.Engine.StartAsync(CancellationToken.None);

        Assert.That(await engine.ExplainAsync("nightly"), Does.Contain("was missed while the scheduler was down"));
    }

    [Test]
    public async Task Explain_SaysOtherInstance_WhenTaskBelongsElsewhere()
    {
        await engine.InsertAsync(Task(1, "remote") with { Instance = "emea" });

        Assert.That(await engine.ExplainAsync("remote"), Does.Contain("belongs to scheduler instance \"emea\" but this scheduler is instance \"default\""));
    }

    [Test]
    public async Task Explain_GivesNextOccurrenceInTaskZone_WhenTaskFires()
    {
        await engine.InsertAsync(Task(1, "morning") with { Timezone = "America/New_York", TriggerTimes = "08:30" });

        Assert.That(await engine.ExplainAsync("morning"), Does.Contain("Next occurrence: Mon 2026-11-23 08:30 -05:00 (2026-11-23 13:30:00Z)"));
    }

    [Test]
    public async Task Explain_ReportsRunOfThatOccurrence_WhenAskedAboutAPastTime()
    {
        await engine.InsertAsync(Task(1, "ran"));
        var due = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        await engine.FireAsync(1, due);
        await engine.FinishAsync((await engine.RunsOfAsync("ran")).Single(), RunStatus.Failed, returnCode: 7);

        Assert.That(await engine.ExplainAsync("ran", due), Does.Contain("ended FAILED (exit_code), return code 7"));
    }
}
