namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>calendars</c> row as Dapper reads it.</summary>
internal sealed class CalendarRow
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public string Dates { get; init; } = "[]";

    public long Version { get; init; }

    public long UpdatedAt { get; init; }

    public string Source { get; init; } = "";
}
