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

    private ImmutableDictionary<string, CalendarDefinition> definitions = ImmutableDictionary<string, CalendarDefinition>.Empty;

    /// <summary>Takes <paramref name="calendars"/> as the whole set; returns the names whose days changed (added, removed or different).</summary>
    public IReadOnlySet<string> Replace(IEnumerable<CalendarDefinition> calendars)
    {
        var before = definitions;
        definitions = calendars.ToImmutableDictionary(c => c.Name, StringComparer.Ordinal);
        custom = definitions.ToImmutableDictionary(c => c.Key, c => (IExcludedDays)new CustomCalendarDays(c.Value), StringComparer.Ordinal);
        return before.Keys.Union(definitions.Keys)
            .Where(name => !before.TryGetValue(name, out var old) || !definitions.TryGetValue(name, out var now) || !old.Dates.SequenceEqual(now.Dates))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Replaces (or, given null, removes) one calendar; returns whether its days changed.</summary>
    public bool Put(string name, CalendarDefinition? calendar)
    {
        var changed = definitions.TryGetValue(name, out var old) ? calendar is null || !old.Dates.SequenceEqual(calendar.Dates) : calendar is not null;
        definitions = calendar is null ? definitions.Remove(name) : definitions.SetItem(name, calendar);
        custom = calendar is null ? custom.Remove(name) : custom.SetItem(name, new CustomCalendarDays(calendar));
        return changed;
    }

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
