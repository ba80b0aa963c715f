using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions;

/// <summary>Builds the catalog definitions are checked against: built-in calendars plus those in the database.</summary>
internal sealed class StoredCalendarCatalog(ICalendarStore calendars)
{
    public async Task<ICalendarCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await calendars.ListNamesAsync(cancellationToken);
        return new CalendarCatalog(stored);
    }

    /// <summary>The stored calendars plus <paramref name="coming"/>, calendars about to be written with the tasks checked.</summary>
    public async Task<ICalendarCatalog> LoadAsync(IEnumerable<string> coming, CancellationToken cancellationToken)
    {
        var stored = await calendars.ListNamesAsync(cancellationToken);
        return new CalendarCatalog(stored.Concat(coming).Distinct(StringComparer.Ordinal));
    }
}
