using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Scheduling;

internal sealed class ForecastTests
{
    private static readonly DateTimeOffset Now = ScheduleAssert.Utc("2026-01-01T00:00:00Z");

    [Test]
    public void Of_SkipsThanksgivingByName_WhenGenerateInvoiceIsForecastOverThanksgiving2026()
    {
        var definition = SharedExample("generate_invoice.json");

        var forecast = Forecast.Of(definition, new CalendarDays(), Request("2026-11-22", 7), Now);

        Assert.That(Locals(forecast), Is.EqualTo(new[]
        {
            "2026-11-23T07:00:00-05:00", "2026-11-24T07:00:00-05:00", "2026-11-25T07:00:00-05:00", "2026-11-27T07:00:00-05:00",
        }));
        Assert.That(forecast.SkippedDays.Select(s => s.ToString()), Is.EqualTo(new[] { "2026-11-26 Thanksgiving Day (US_HOLIDAYS): skipped" }));
    }

    [Test]
    public void Of_ReportsOnlyTheObservedWeekday_WhenHolidayFallsOnAnExcludedSaturday()
    {
        var definition = Task(times: "07:00", days: "1111100") with { Calendar = BuiltInCalendars.UsHolidays };

        var forecast = Forecast.Of(definition, new CalendarDays(), Request("2026-07-01", 6), Now);

        Assert.That(forecast.SkippedDays.Select(s => s.ToString()), Is.EqualTo(new[] { "2026-07-03 Independence Day (observed) (US_HOLIDAYS): skipped" }));
        Assert.That(Locals(forecast), Has.None.StartsWith("2026-07-03").And.None.StartsWith("2026-07-04"));
    }

    [Test]
    public void Of_RunsAtThreeDaylightTime_WhenTwoThirtyFallsInTheSpringForwardGap()
    {
        var forecast = Forecast.Of(Task(times: "02:30"), new CalendarDays(), Request("2026-03-07", 2), Now);

        Assert.That(Locals(forecast), Is.EqualTo(new[] { "2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00" }));
        Assert.That(forecast.Occurrences[1].Utc, Is.EqualTo(ScheduleAssert.Utc("2026-03-08T07:00:00Z")));
    }

    [Test]
    public void Of_ReadsAZonelessStartOnTheTasksClock_WhenFromHasNoOffset()
    {
        var forecast = Forecast.Of(Task(times: "08:00"), new CalendarDays(), Request("2026-11-23", 1), Now);

        Assert.That(forecast.From, Is.EqualTo(ScheduleAssert.Utc("2026-11-23T05:00:00Z")));
        Assert.That(forecast.Until, Is.EqualTo(ScheduleAssert.Utc("2026-11-24T05:00:00Z")));
        Assert.That(Locals(forecast), Is.EqualTo(new[] { "2026-11-23T08:00:00-05:00" }));
    }

    [Test]
    public void Of_SkipsCustomCalendarDates_OnlyOnDaysTheCronWouldFire()
    {
        var freeze = new CalendarDefinition { Name = "FREEZE", Dates = [new(2026, 3, 1), new(2026, 3, 2)] };
        var calendars = new CalendarDays();
        calendars.Replace([freeze]);
        var monthly = Task(cron: "0 6 1 * *") with { Calendar = "FREEZE" };

        var forecast = Forecast.Of(monthly, calendars, Request("2026-02-15", 60), Now);

        Assert.That(Locals(forecast), Is.EqualTo(new[] { "2026-04-01T06:00:00-04:00" }));
        Assert.That(forecast.SkippedDays.Select(s => s.ToString()), Is.EqualTo(new[] { "2026-03-01 listed in calendar FREEZE: skipped" }));
    }

    [Test]
    public void Of_ListsNothing_WhenTaskRunsOnlyOnDemand()
    {
        var forecast = Forecast.Of(Task(), new CalendarDays(), Request("2026-11-23", 7), Now);

        Assert.That(forecast.HasTimes, Is.False);
        Assert.That(forecast.Occurrences, Is.Empty);
    }

    [Test]
    public void Of_StartsNow_WhenNoStartIsGiven()
    {
        var forecast = Forecast.Of(Task(times: "08:00"), new CalendarDays(), Request(null, 1), Now);

        Assert.That(forecast.From, Is.EqualTo(Now));
        Assert.That(Locals(forecast), Is.EqualTo(new[] { "2026-01-01T08:00:00-05:00" }));
    }

    [Test]
    public void Of_StopsAtTheLimitAndSaysSo_WhenWindowHoldsTooManyRuns()
    {
        var forecast = Forecast.Of(Task(cron: "* * * * * *"), new CalendarDays(), Request("2026-11-23", 2), Now);

        Assert.That(forecast.IsTruncated, Is.True);
        Assert.That(forecast.Occurrences, Has.Count.EqualTo(Forecast.MaxOccurrences));
        Assert.That(forecast.TooManyProblem, Does.Contain("ask for fewer days"));
    }

    [TestCase("tomorrow", null, "from", TestName = "TryParse_NamesFrom_WhenFromIsNotIso8601")]
    [TestCase("2026-02-30", null, "from", TestName = "TryParse_NamesFrom_WhenDateDoesNotExist")]
    [TestCase(null, "0", "days", TestName = "TryParse_NamesDays_WhenDaysIsZero")]
    [TestCase(null, "3661", "days", TestName = "TryParse_NamesDays_WhenDaysIsOverTenYears")]
    [TestCase(null, "1.5", "days", TestName = "TryParse_NamesDays_WhenDaysIsNotWhole")]
    public void TryParse_NamesTheField_WhenValueIsInvalid(string? from, string? days, string field)
    {
        var errors = ForecastRequest.TryParse(from, days, out _);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { field }));
    }

    [TestCase("2026-11-23T13:00:00Z")]
    [TestCase("2026-11-23T08:00:00-05:00")]
    [TestCase("2026-11-23T08:00")]
    [TestCase("2026-11-23")]
    public void TryParse_Accepts_WhenFromIsIso8601(string from)
    {
        var errors = ForecastRequest.TryParse(from, "3", out var request);

        Assert.That(errors, Is.Empty);
        Assert.That(request.Days, Is.EqualTo(3));
        Assert.That(request.From, Is.Not.Null);
    }

    [Test]
    public void Of_ReturnsEveryOccurrence_WhenTheWindowIsTenYears()
    {
        var definition = Task(times: "00:15,06:00,12:00,18:45") with { Timezone = "UTC" };

        var forecast = Forecast.Of(definition, new CalendarDays(), Request("2027-01-01", ForecastRequest.MaxDays), Now);

        var expected = Enumerable.Range(0, ForecastRequest.MaxDays)
            .SelectMany(d => new[] { "00:15", "06:00", "12:00", "18:45" }.Select(t => new DateOnly(2027, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T" + t + ":00+00:00"))
            .ToList();
        Assert.That(forecast.IsTruncated, Is.False);
        Assert.That(Locals(forecast), Has.Count.EqualTo(4 * 3660).And.EqualTo(expected));
        Assert.That(Locals(forecast)[^1], Is.EqualTo("2037-01-07T18:45:00+00:00"), "the last of 3,660 days, leap days counted");
    }

    [Test]
    public void Between_AgreesWithNextAfter_AcrossDaylightSavingChangesAndHolidays()
    {
        var schedule = TaskSchedule.For(Task(times: "00:00,01:30,02:30,03:00,23:59", days: "1111101"), UsFederalHolidays.Instance);
        var from = ScheduleAssert.Utc("2026-01-01T00:00:00Z");
        var until = ScheduleAssert.Utc("2028-01-01T00:00:00Z");

        var stepped = new List<DateTimeOffset>();
        for (var next = schedule.NextAfter(from); next is not null && next.Utc <= until; next = schedule.NextAfter(next.Utc))
        {
            stepped.Add(next.Utc);
        }

        Assert.That(schedule.Between(from, until).Select(o => o.Utc), Is.EqualTo(stepped));
        Assert.That(stepped, Has.Count.GreaterThan(2500));
    }

    [Test]
    public void Of_SkipsEveryHolidayOfTheDecade_WhenAWeekdayTaskIsForecastTenYears()
    {
        var definition = Task(times: "07:00,13:00", days: "1111100") with { Calendar = BuiltInCalendars.UsHolidays };

        var forecast = Forecast.Of(definition, new CalendarDays(), Request("2027-01-01", ForecastRequest.MaxDays), Now);

        var runDays = Locals(forecast).Select(l => l[..10]).Distinct().ToList();
        Assert.That(forecast.SkippedDays.Select(s => s.Date.Year).Distinct(), Is.EqualTo(Enumerable.Range(2027, 11)), "holidays skipped in every year of the window");
        Assert.That(runDays.Intersect(forecast.SkippedDays.Select(s => s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), Is.Empty);
        Assert.That(Locals(forecast), Has.Count.EqualTo(2 * runDays.Count), "both times on every run day");
        var weekdays = Enumerable.Range(1, ForecastRequest.MaxDays).Select(d => new DateOnly(2027, 1, 1).AddDays(d - 1)).Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.That(runDays, Has.Count.EqualTo(weekdays - forecast.SkippedDays.Count));
    }

    private static ForecastRequest Request(string? from, int days)
    {
        var errors = ForecastRequest.TryParse(from, days.ToString(System.Globalization.CultureInfo.InvariantCulture), out var request);
        Assert.That(errors, Is.Empty);
        return request;
    }

    private static TaskDefinition Task(string? times = null, string days = "1111111", string? cron = null) =>
        new() { Tid = 1, Name = "t", Cmd = "true", RunOnHost = "h", Timezone = "America/New_York", TriggerTimes = times, DayOfWeek = days, Cron = cron };

    private static TaskDefinition SharedExample(string file)
    {
        var outcome = TaskDefinitionJson.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Shared("examples/tasks"), file)));
        Assert.That(outcome.IsValid, Is.True, string.Join("; ", outcome.Errors));
        return outcome.Value!;
    }

    private static List<string> Locals(Forecast forecast) =>
        forecast.Occurrences.Select(o => o.Local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
