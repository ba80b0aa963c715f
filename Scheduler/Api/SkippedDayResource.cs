using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Api;

/// <summary>A day the task's calendar takes out of a forecast window, as the API writes it.</summary>
internal sealed record SkippedDayResource(DateOnly Date, string Calendar, string Reason)
{
    public static SkippedDayResource From(SkippedDay day) => new(day.Date, day.Calendar, day.Reason);

    public SkippedDay ToSkippedDay() => new(Date, Calendar, Reason);
}
