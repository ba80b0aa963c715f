namespace EasyTask.Contracts.Definitions;

/// <summary>A fixed set of calendar names: the built-in ones plus any custom names given.</summary>
public sealed class CalendarCatalog : ICalendarCatalog
{
    private readonly HashSet<string> names;

    /// <summary>Creates a catalog of the built-in calendars plus <paramref name="customNames"/>.</summary>
    public CalendarCatalog(IEnumerable<string> customNames)
    {
        names = new HashSet<string>(BuiltInCalendars.Names, StringComparer.Ordinal);
        names.UnionWith(customNames);
    }

    /// <summary>Only the built-in calendars.</summary>
    public static CalendarCatalog BuiltInOnly { get; } = new([]);

    /// <inheritdoc />
    public bool Contains(string name) => names.Contains(name);

    /// <inheritdoc />
    public IReadOnlyCollection<string> Names => names.Order(StringComparer.Ordinal).ToList();
}
