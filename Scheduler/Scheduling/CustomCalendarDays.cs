using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>A custom calendar's listed dates as excluded days.</summary>
internal sealed class CustomCalendarDays(CalendarDefinition calendar) : IExcludedDays
{
    private readonly HashSet<DateOnly> dates = [.. calendar.Dates];

    public string Name => calendar.Name;

    public string? ReasonFor(DateOnly date) => dates.Contains(date) ? $"listed in calendar {calendar.Name}" : null;
}
