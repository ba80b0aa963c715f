namespace EasyTask.Scheduler.Api;

/// <summary>One holiday of a built-in calendar: its own date and the weekday it is observed on (both are excluded).</summary>
internal sealed record HolidayResource(DateOnly Date, string Name, DateOnly Observed);
