using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Tests.Scheduling;

internal sealed class UsFederalHolidaysTests
{
    // Written out by hand from the published federal calendars, not computed, so the rule is checked against the facts.
    private static readonly string[] Holidays2025To2030 =
    [
        "2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25",
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-04", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
        "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-19", "2027-07-04", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-25",
        "2028-01-01", "2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-11", "2028-11-23", "2028-12-25",
        "2029-01-01", "2029-01-15", "2029-02-19", "2029-05-28", "2029-06-19", "2029-07-04", "2029-09-03", "2029-10-08", "2029-11-11", "2029-11-22", "2029-12-25",
        "2030-01-01", "2030-01-21", "2030-02-18", "2030-05-27", "2030-06-19", "2030-07-04", "2030-09-02", "2030-10-14", "2030-11-11", "2030-11-28", "2030-12-25",
    ];

    // Holidays of 2025-2030 falling on a weekend, and the weekday the federal government observes instead.
    private static readonly (string Holiday, string Observed)[] WeekendHolidays =
    [
        ("2026-07-04", "2026-07-03"),
        ("2027-06-19", "2027-06-18"),
        ("2027-07-04", "2027-07-05"),
        ("2027-12-25", "2027-12-24"),
        ("2028-01-01", "2027-12-31"),
        ("2028-11-11", "2028-11-10"),
        ("2029-11-11", "2029-11-12"),
    ];

    [Test]
    public void ReasonFor_ExcludesEveryFederalHoliday_From2025To2030()
    {
        var missed = Holidays2025To2030.Where(d => UsFederalHolidays.Instance.ReasonFor(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)) is null);

        Assert.That(missed, Is.Empty);
    }

    [Test]
    public void ReasonFor_ExcludesObservedWeekday_WhenHolidayFallsOnWeekend()
    {
        foreach (var (holiday, observed) in WeekendHolidays)
        {
            var reason = UsFederalHolidays.Instance.ReasonFor(Date(observed));
            Assert.That(reason, Does.EndWith("(observed)"), $"{holiday} observed on {observed}");
        }
    }

    [Test]
    public void ReasonFor_ExcludesExactlyHolidaysAndObservedDays_From2025To2030()
    {
        var expected = Holidays2025To2030.Select(Date).Concat(WeekendHolidays.Select(w => Date(w.Observed))).ToHashSet();
        var excluded = new List<DateOnly>();
        for (var day = new DateOnly(2025, 1, 1); day <= new DateOnly(2030, 12, 31); day = day.AddDays(1))
        {
            if (UsFederalHolidays.Instance.ReasonFor(day) is not null)
            {
                excluded.Add(day);
            }
        }

        Assert.That(excluded, Is.EquivalentTo(expected));
    }

    [Test]
    public void ReasonFor_NamesTheHoliday()
    {
        Assert.That(UsFederalHolidays.Instance.ReasonFor(new DateOnly(2026, 11, 26)), Is.EqualTo("Thanksgiving Day"));
        Assert.That(UsFederalHolidays.Instance.ReasonFor(new DateOnly(2027, 12, 31)), Is.EqualTo("New Year's Day (observed)"));
    }

    [Test]
    public void ReasonFor_DoesNotExcludeJuneteenth_Before2021() =>
        Assert.That(UsFederalHolidays.Instance.ReasonFor(new DateOnly(2020, 6, 19)), Is.Null);

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
