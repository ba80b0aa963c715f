using System.Collections.Frozen;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// The built-in <c>US_HOLIDAYS</c> calendar: the eleven US federal holidays for any year, with the
/// federal observed-day rule (Saturday → the Friday before, Sunday → the Monday after). Both the
/// holiday's own date and its observed day are excluded.
/// </summary>
internal sealed class UsFederalHolidays : IExcludedDays
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, FrozenDictionary<DateOnly, string>> byYear = new();

    public static UsFederalHolidays Instance { get; } = new();

    public string Name => Contracts.Definitions.BuiltInCalendars.UsHolidays;

    public string? ReasonFor(DateOnly date) => ExcludedDaysOf(date.Year).GetValueOrDefault(date);

    /// <summary>
    /// Every excluded date looked up in <paramref name="year"/> with its reason, computed once per year: forecasts
    /// and the engine ask for every day of up to ten years. New Year's Day of next year can be observed on
    /// 31 December of this one, so next year's holidays are included; a holiday's own date wins over another's observed day.
    /// </summary>
    private FrozenDictionary<DateOnly, string> ExcludedDaysOf(int year) => byYear.GetOrAdd(year, y =>
    {
        var days = new Dictionary<DateOnly, string>();
        foreach (var (day, name) in HolidaysOf(y).Concat(HolidaysOf(y + 1)))
        {
            days.TryAdd(day, name);
            days.TryAdd(ObservedDay(day), $"{name} (observed)");
        }

        return days.ToFrozenDictionary();
    });

    /// <summary>Each holiday of the year on its own date (not moved to its observed day).</summary>
    public static IEnumerable<(DateOnly Date, string Name)> HolidaysOf(int year)
    {
        yield return (new DateOnly(year, 1, 1), "New Year's Day");
        yield return (NthWeekday(year, 1, DayOfWeek.Monday, 3), "Martin Luther King Jr. Day");
        yield return (NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
        yield return (LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day");
        if (year >= 2021)
        {
            yield return (new DateOnly(year, 6, 19), "Juneteenth National Independence Day");
        }

        yield return (new DateOnly(year, 7, 4), "Independence Day");
        yield return (NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day");
        yield return (NthWeekday(year, 10, DayOfWeek.Monday, 2), "Columbus Day");
        yield return (new DateOnly(year, 11, 11), "Veterans Day");
        yield return (NthWeekday(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day");
        yield return (new DateOnly(year, 12, 25), "Christmas Day");
    }

    /// <summary>The federal observed day: weekend holidays move to the nearest weekday.</summary>
    public static DateOnly ObservedDay(DateOnly holiday) => holiday.DayOfWeek switch
    {
        DayOfWeek.Saturday => holiday.AddDays(-1),
        DayOfWeek.Sunday => holiday.AddDays(1),
        _ => holiday,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }
}
