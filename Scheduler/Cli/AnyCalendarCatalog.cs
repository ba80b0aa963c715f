using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// Accepts every calendar name: used for the client-side check before sending to the server,
/// which alone knows the custom calendars and checks the name itself.
/// </summary>
internal sealed class AnyCalendarCatalog : ICalendarCatalog
{
    public static AnyCalendarCatalog Instance { get; } = new();

    public bool Contains(string name) => true;

    public IReadOnlyCollection<string> Names => BuiltInCalendars.Names;
}
