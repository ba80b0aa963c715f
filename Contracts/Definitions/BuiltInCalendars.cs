namespace EasyTask.Contracts.Definitions;

/// <summary>Calendars every scheduler knows without being told.</summary>
public static class BuiltInCalendars
{
    /// <summary>US federal holidays with their observed days.</summary>
    public const string UsHolidays = "US_HOLIDAYS";

    /// <summary>All built-in calendar names.</summary>
    public static IReadOnlyList<string> Names { get; } = [UsHolidays];
}
