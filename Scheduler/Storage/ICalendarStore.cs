using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>Custom calendars in the database (the built-in ones are computed, never stored).</summary>
internal interface ICalendarStore
{
    /// <summary>Inserts the calendar, or replaces the one of the same name and bumps its version.</summary>
    Task<StoredCalendar> UpsertAsync(CalendarDefinition calendar, string source, CancellationToken cancellationToken);

    /// <summary>The calendar of that name, or null.</summary>
    Task<StoredCalendar?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>All custom calendars, ordered by name.</summary>
    Task<IReadOnlyList<StoredCalendar>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the calendar. False when no such calendar existed.</summary>
    /// <summary>The custom calendars' names only: what a definition check needs, without reading every date.</summary>
    Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}
