using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions;

/// <summary>Told after every successful definition write, so the schedule follows within a second, without a restart.</summary>
internal interface ITaskChangeListener
{
    /// <summary>A task was inserted or changed (including activate/deactivate and hold/release).</summary>
    Task TaskSavedAsync(StoredTask stored, CancellationToken cancellationToken);

    /// <summary>A task was deleted.</summary>
    Task TaskDeletedAsync(string name, CancellationToken cancellationToken);

    /// <summary>Custom calendars were added, changed or deleted (any number of them: the listener reads them all again).</summary>
    Task CalendarsChangedAsync(CancellationToken cancellationToken);

    /// <summary>The custom calendar <paramref name="name"/> was added, changed or deleted (only that one is read again).</summary>
    Task CalendarChangedAsync(string name, CancellationToken cancellationToken) => CalendarsChangedAsync(cancellationToken);
}
