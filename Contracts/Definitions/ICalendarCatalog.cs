namespace EasyTask.Contracts.Definitions;

/// <summary>Answers which calendar names exist, so a definition naming an unknown one is rejected.</summary>
public interface ICalendarCatalog
{
    /// <summary>True when a calendar of that name exists (built-in or custom).</summary>
    bool Contains(string name);

    /// <summary>Every known calendar name, for error messages.</summary>
    IReadOnlyCollection<string> Names { get; }
}
