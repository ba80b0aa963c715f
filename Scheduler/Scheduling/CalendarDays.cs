using System.Collections.Immutable;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Resolves a task's <c>calendar</c> name to its excluded days: the built-in calendars plus the custom
/// ones known at the moment. Replaced as a whole when calendars change, so readers never see half an update.
/// </summary>
internal sealed class CalendarDays
{
    private ImmutableDictionary<string, IExcludedDays> custom = ImmutableDictionary<string, IExcludedDays>.Empty;

    public void Replace(IEnumerable<CalendarDefinition> calendars) =>
        custom = calendars.ToImmutableDictionary(c => c.Name, c => (IExcludedDays)new CustomCalendarDays(c), StringComparer.Ordinal);

    /// <summary>The calendar's days, or null when the task names none. An unknown name (deleted since) excludes nothing but is reported.</summary>
    public IExcludedDays? Resolve(string? name) => name switch
    {
        null => null,
        BuiltInCalendars.UsHolidays => UsFederalHolidays.Instance,
        _ => custom.TryGetValue(name, out var days) ? days : new MissingCalendar(name),
    };

    /// <summary>A calendar a task names but that no longer exists: it excludes nothing, and says so when asked.</summary>
    private sealed class MissingCalendar(string name) : IExcludedDays
    {
        public string Name => $"{name} (missing: deleted after the task was saved)";

        public string? ReasonFor(DateOnly date) => null;
    }
}
