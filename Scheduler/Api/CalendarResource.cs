using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// How the API shows a calendar. Custom calendars carry their stored dates and bookkeeping; built-in ones
/// are computed, so they carry the excluded days and named holidays of the year asked about and the next.
/// </summary>
internal sealed record CalendarResource(
    string Name,
    string? Description,
    bool BuiltIn,
    IReadOnlyList<DateOnly> Dates,
    long? Version = null,
    DateTimeOffset? UpdatedAt = null,
    string? Source = null,
    IReadOnlyList<HolidayResource>? Holidays = null)
{
    public const string UsHolidaysDescription =
        "US federal holidays; one falling on a Saturday is observed the Friday before, on a Sunday the Monday after, and both days are excluded";

    public static CalendarResource From(StoredCalendar stored) => new(
        stored.Calendar.Name,
        stored.Calendar.Description,
        BuiltIn: false,
        stored.Calendar.Dates,
        stored.Version,
        stored.UpdatedAt,
        stored.Source);

    /// <summary>The built-in <c>US_HOLIDAYS</c> for <paramref name="year"/> and the year after.</summary>
    public static CalendarResource UsHolidays(int year)
    {
        var holidays = new[] { year, year + 1 }
            .SelectMany(UsFederalHolidays.HolidaysOf)
            .Select(h => new HolidayResource(h.Date, h.Name, UsFederalHolidays.ObservedDay(h.Date)))
            .ToList();
        var dates = holidays.SelectMany(h => new[] { h.Date, h.Observed }).Distinct().Order().ToList();
        return new(BuiltInCalendars.UsHolidays, UsHolidaysDescription, BuiltIn: true, dates, Holidays: holidays);
    }

    /// <summary>A built-in calendar by name, or null when the name is not built in.</summary>
    public static CalendarResource? BuiltInNamed(string name, int year) =>
        name == BuiltInCalendars.UsHolidays ? UsHolidays(year) : null;
}
