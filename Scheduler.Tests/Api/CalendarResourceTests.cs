using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Tests.Api;

internal sealed class CalendarResourceTests
{
    [Test]
    public void UsHolidays_ExcludesTheHolidayAndItsObservedFriday_WhenIndependenceDayFallsOnSaturday()
    {
        var calendar = CalendarResource.UsHolidays(2026);

        var independence = calendar.Holidays!.Single(h => h.Date == new DateOnly(2026, 7, 4));
        Assert.That(independence.Observed, Is.EqualTo(new DateOnly(2026, 7, 3)));
        Assert.That(calendar.Dates, Does.Contain(new DateOnly(2026, 7, 3)).And.Contain(new DateOnly(2026, 7, 4)));
    }

    [Test]
    public void UsHolidays_CoversTheYearAskedAndTheNext()
    {
        var calendar = CalendarResource.UsHolidays(2026);

        Assert.That(calendar.Holidays!.Select(h => h.Date.Year).Distinct(), Is.EqualTo(new[] { 2026, 2027 }));
        Assert.That(calendar.Holidays!.Count(h => h.Name == "Thanksgiving Day"), Is.EqualTo(2));
        Assert.That(calendar.BuiltIn, Is.True);
    }
}
