using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>When a task runs: trigger times, cron, time zone, calendar, days of the week, misfire grace.</summary>
[TestFixture]
internal sealed class TaskDefinitionValidatorScheduleTests
{
    [TestCase("8:30", "has \"8:30\", which is not a 24-hour HH:mm time")]
    [TestCase("25:00", "has \"25:00\", which is not a 24-hour HH:mm time")]
    [TestCase("24:00", "has \"24:00\"")]
    [TestCase("08:60", "has \"08:60\"")]
    [TestCase("0830", "has \"0830\"")]
    [TestCase("08:30:00", "has \"08:30:00\"")]
    [TestCase("8am", "has \"8am\"")]
    [TestCase("08:30,14:00,9:15", "has \"9:15\"")]
    [TestCase("08:30,,14:00", "has an empty entry")]
    [TestCase("08:30,", "has an empty entry")]
    [TestCase("", "has an empty entry")]
    [TestCase("08:30,14:00,08:30", "lists 08:30 more than once")]
    public void Check_ReportsTriggerTimes_WhenAnEntryIsNotStrictHHmm(string times, string messagePart)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("trigger_times", times).Errors(), "trigger_times", messagePart);
    }

    [TestCase("08:30")]
    [TestCase("00:00,23:59")]
    [TestCase("14:00, 08:30")]
    public void Check_AcceptsTriggerTimes_WhenEveryEntryIsTwoDigitHHmm(string times)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("trigger_times", times).Errors());
    }

    [TestCase("Mars/Phobos")]
    [TestCase("EST-ish")]
    [TestCase(" UTC")]
    [TestCase("")]
    public void Check_ReportsTimezone_WhenTheZoneIsUnknown(string zone)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("timezone", zone).Errors(), "timezone", "is not a known time zone; use an IANA id");
    }

    [TestCase("US/Eastern")]
    [TestCase("America/New_York")]
    [TestCase("Asia/Kolkata")]
    [TestCase("UTC")]
    public void Check_AcceptsTimezone_WhenTheIdIsIanaOrALegacyAlias(string zone)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("timezone", zone).Errors());
    }

    [Test]
    public void Check_ListsKnownCalendars_WhenTheCalendarIsUnknown()
    {
        FieldErrorAssert.Single(
            TaskJson.Minimal().With("calendar", "UK_HOLIDAYS").Errors(),
            "calendar",
            "\"UK_HOLIDAYS\" is not a known calendar; known calendars: MONTH_END_FREEZE, US_HOLIDAYS");
    }

    [Test]
    public void Check_ReportsCalendar_WhenTheCustomCalendarIsNotInTheCatalog()
    {
        var json = TaskJson.Minimal().With("calendar", "MONTH_END_FREEZE").ToJsonString();

        Assert.Multiple(() =>
        {
            FieldErrorAssert.None(TaskDefinitionValidator.Check(json, TaskJson.Calendars).Errors);
            FieldErrorAssert.Single(TaskDefinitionValidator.Check(json, CalendarCatalog.BuiltInOnly).Errors, "calendar", "known calendars: US_HOLIDAYS");
        });
    }

    [TestCase("111110", "must be exactly 7 flags of 0 or 1, Monday first")]
    [TestCase("11111000", "must be exactly 7 flags")]
    [TestCase("1111102", "must be exactly 7 flags")]
    [TestCase("MTWTF..", "must be exactly 7 flags")]
    [TestCase("", "must be exactly 7 flags")]
    [TestCase("0000000", "must allow at least one day")]
    public void Check_ReportsDayOfWeek_WhenTheMaskIsNotSevenUsefulFlags(string mask, string messagePart)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("day_of_week", mask).Errors(), "day_of_week", messagePart);
    }

    [Test]
    public void Check_ReportsCron_WhenTriggerTimesAreGivenToo()
    {
        var errors = TaskJson.Minimal().With("trigger_times", "08:30").With("cron", "0 8 * * *").Errors();

        FieldErrorAssert.Single(errors, "cron", "cannot be combined with trigger_times");
    }

    [TestCase("61 * * * *", "is not a valid cron expression")]
    [TestCase("0 8 * * FUNDAY", "is not a valid cron expression")]
    [TestCase("0 8 * *", "must have 5 fields (minute hour day month weekday) or 6 with seconds first, got 4")]
    [TestCase("0 0 8 * * 1-5 2026", "got 7")]
    [TestCase("   ", "got 0")]
    public void Check_ReportsCron_WhenTheExpressionIsInvalid(string cron, string messagePart)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("cron", cron).Errors(), "cron", messagePart);
    }

    [TestCase("0 8 * * 1-5")]
    [TestCase("30 0 8 * * MON-FRI")]
    [TestCase("*/15 * * * * *")]
    [TestCase("@daily")]
    public void Check_AcceptsCron_WhenTheExpressionHasFiveOrSixFields(string cron)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("cron", cron).Errors());
    }

    [Test]
    public void Check_ReportsMisfireGrace_WhenNegative()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("misfire_grace", -1).Errors(), "misfire_grace", "must be seconds, 0 or more, got -1");
    }
}
