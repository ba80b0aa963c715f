using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using static EasyTask.Scheduler.Tests.Scheduling.ScheduleAssert;

namespace EasyTask.Scheduler.Tests.Scheduling;

internal sealed class TaskScheduleTests
{
    [Test]
    public void NextAfter_RunsAtEndOfGap_WhenTimeFallsInNewYorkSpringForward() =>
        Assert.That(Locals(Schedule("America/New_York", "02:30"), "2026-03-07T00:00:00Z", 3), Is.EqualTo(new[]
        {
            "2026-03-07T02:30:00-05:00",
            "2026-03-08T03:00:00-04:00",
            "2026-03-09T02:30:00-04:00",
        }));

    [Test]
    public void NextAfter_RunsOnceAtFirstOccurrence_WhenTimeRepeatsAtNewYorkFallBack() =>
        Assert.That(Utcs(Schedule("America/New_York", "01:30"), "2026-10-31T00:00:00Z", 3), Is.EqualTo(new[]
        {
            "2026-10-31T05:30:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-02T06:30:00Z",
        }));

    [Test]
    public void NextAfter_RunsAtEndOfGap_WhenTimeFallsInLondonSpringForward() =>
        Assert.That(Locals(Schedule("Europe/London", "01:30"), "2026-03-28T00:00:00Z", 3), Is.EqualTo(new[]
        {
            "2026-03-28T01:30:00+00:00",
            "2026-03-29T02:00:00+01:00",
            "2026-03-30T01:30:00+01:00",
        }));

    [Test]
    public void NextAfter_RunsOnceAtFirstOccurrence_WhenTimeRepeatsAtLondonFallBack() =>
        Assert.That(Utcs(Schedule("Europe/London", "01:30"), "2026-10-24T12:00:00Z", 2), Is.EqualTo(new[]
        {
            "2026-10-25T00:30:00Z",
            "2026-10-26T01:30:00Z",
        }));

    [Test]
    public void NextAfter_RunsOnceAtGapEnd_WhenTwoTimesCollapseIntoIt() =>
        Assert.That(Locals(Schedule("America/New_York", "02:30,03:00"), "2026-03-08T00:00:00Z", 2), Is.EqualTo(new[]
        {
            "2026-03-08T03:00:00-04:00",
            "2026-03-09T02:30:00-04:00",
        }));

    [Test]
    public void NextAfter_KeepsSameUtcTimeAllYear_WhenZoneHasNoDst()
    {
        var utcs = Utcs(Schedule("Asia/Tokyo", "09:00"), "2026-03-01T00:00:00Z", 60);

        Assert.That(utcs.Select(u => u[11..]).Distinct(), Is.EqualTo(new[] { "00:00:00Z" }));
        Assert.That(utcs, Has.Count.EqualTo(60));
    }

    [Test]
    public void NextAfter_ReadsLegacyAliasLikeItsIanaZone() =>
        Assert.That(Utcs(Schedule("US/Eastern", "08:30"), "2026-03-01T00:00:00Z", 20), Is.EqualTo(Utcs(Schedule("America/New_York", "08:30"), "2026-03-01T00:00:00Z", 20)));

    [Test]
    public void NextAfter_RunsEachTimeInOrder_WhenSeveralTriggerTimesAreListed() =>
        Assert.That(Locals(Schedule("UTC", "14:00,08:30"), "2026-05-01T09:00:00Z", 3), Is.EqualTo(new[]
        {
            "2026-05-01T14:00:00+00:00",
            "2026-05-02T08:30:00+00:00",
            "2026-05-02T14:00:00+00:00",
        }));

    [Test]
    public void NextAfter_SkipsWeekend_WhenMaskAllowsWeekdaysOnly() =>
        Assert.That(Locals(Schedule("UTC", "07:00", days: "1111100"), "2026-11-20T08:00:00Z", 2), Is.EqualTo(new[]
        {
            "2026-11-23T07:00:00+00:00",
            "2026-11-24T07:00:00+00:00",
        }));

    [Test]
    public void NextAfter_RunsOnlyOnFlaggedDays_WhenMaskStartsOnMonday() =>
        Assert.That(Locals(Schedule("UTC", "07:00", days: "0000011"), "2026-11-16T00:00:00Z", 3), Is.EqualTo(new[]
        {
            "2026-11-21T07:00:00+00:00",
            "2026-11-22T07:00:00+00:00",
            "2026-11-28T07:00:00+00:00",
        }));

    [Test]
    public void NextAfter_SkipsHolidayAndObservedDay_WhenCalendarIsUsHolidays() =>
        Assert.That(Locals(Schedule("America/New_York", "07:00", calendar: UsFederalHolidays.Instance), "2026-07-02T12:00:00Z", 2), Is.EqualTo(new[]
        {
            "2026-07-05T07:00:00-04:00",
            "2026-07-06T07:00:00-04:00",
        }));

    [Test]
    public void NextAfter_SkipsListedDates_WhenCalendarIsCustom()
    {
        var freeze = new CustomCalendarDays(new CalendarDefinition { Name = "MONTH_END_FREEZE", Dates = [new DateOnly(2026, 12, 31)] });

        var locals = Locals(Schedule("UTC", "18:00", calendar: freeze), "2026-12-30T19:00:00Z", 1);

        Assert.That(locals, Is.EqualTo(new[] { "2027-01-01T18:00:00+00:00" }));
    }

    [Test]
    public void NextAfter_FiresEveryThirtySeconds_WhenCronHasSeconds() =>
        Assert.That(Utcs(Schedule("UTC", cron: "*/30 * * * * *"), "2026-01-01T00:00:10Z", 3), Is.EqualTo(new[]
        {
            "2026-01-01T00:00:30Z",
            "2026-01-01T00:01:00Z",
            "2026-01-01T00:01:30Z",
        }));

    [Test]
    public void NextAfter_ReadsCronInTaskZoneAndSkipsCalendarDays() =>
        Assert.That(Locals(Schedule("America/New_York", cron: "0 9 * * *", calendar: UsFederalHolidays.Instance), "2026-07-02T14:00:00Z", 2), Is.EqualTo(new[]
        {
            "2026-07-05T09:00:00-04:00",
            "2026-07-06T09:00:00-04:00",
        }));

    [Test]
    public void NextAfter_IsNull_WhenTaskHasNoTimes()
    {
        var schedule = Schedule("UTC");

        Assert.That(schedule.HasTimes, Is.False);
        Assert.That(schedule.NextAfter(Utc("2026-01-01T00:00:00Z")), Is.Null);
    }

    [Test]
    public void DayExclusion_ExplainsMaskAndHoliday()
    {
        var schedule = Schedule("America/New_York", "07:00", days: "1111100", calendar: UsFederalHolidays.Instance);

        Assert.That(schedule.DayExclusion(new DateOnly(2026, 11, 22)), Does.Contain("Sunday is excluded by day_of_week 1111100"));
        Assert.That(schedule.DayExclusion(new DateOnly(2026, 11, 26)), Does.Contain("holiday in calendar US_HOLIDAYS: Thanksgiving Day"));
        Assert.That(schedule.DayExclusion(new DateOnly(2026, 11, 27)), Is.Null);
    }
}
