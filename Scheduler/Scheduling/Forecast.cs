using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// When a task will run in a window, and which days its calendar takes out of it. The CLI (offline, from
/// a file) and the API (from the stored definition) both build it here, over <see cref="TaskSchedule"/>,
/// so a forecast always agrees with what the engine fires.
/// </summary>
internal sealed record Forecast(
    TaskDefinition Definition,
    TimeZoneInfo Zone,
    IExcludedDays? Calendar,
    DateTimeOffset From,
    DateTimeOffset Until,
    int Days,
    IReadOnlyList<Occurrence> Occurrences,
    IReadOnlyList<SkippedDay> SkippedDays)
{
    /// <summary>
    /// Most occurrences one forecast lists: ten years of a task that runs every hour fits (87,840). A cron firing
    /// every second over a year would otherwise be 31 million lines and tie up the server computing them.
    /// </summary>
    public const int MaxOccurrences = 100_000;

    /// <summary>True when the window holds more than <see cref="MaxOccurrences"/>; only the first ones are listed.</summary>
    public bool IsTruncated { get; init; }

    /// <summary>What to tell someone whose window is too busy to list, naming the option to change.</summary>
    public string TooManyProblem => $"the window holds more than {MaxOccurrences} runs of {Definition.Name}; ask for fewer days";

    /// <summary>False for tasks that only run on demand or after their dependencies: they have nothing to forecast.</summary>
    public bool HasTimes => Definition.TriggerTimes is not null || Definition.Cron is not null;

    /// <summary>Occurrences in (from, from + days], the window measured in the task's local days so a DST change does not shorten it.</summary>
    public static Forecast Of(TaskDefinition definition, CalendarDays calendars, ForecastRequest request, DateTimeOffset now)
    {
        var calendar = calendars.Resolve(definition.Calendar);
        var schedule = TaskSchedule.For(definition, calendar);
        var (from, until) = Window(schedule, request, now);
        var occurrences = schedule.Between(from, until).Take(MaxOccurrences + 1).ToList();
        var truncated = occurrences.Count > MaxOccurrences;
        if (truncated)
        {
            occurrences.RemoveAt(MaxOccurrences);
        }

        return new Forecast(definition, schedule.Zone, calendar, from, until, request.Days, occurrences, Skipped(definition, schedule, from, until))
        {
            IsTruncated = truncated,
        };
    }

    /// <summary>The window (from, until] a request means for a task with this schedule: the start resolved on the task's clock, plus whole local days.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) Window(TaskSchedule schedule, ForecastRequest request, DateTimeOffset now)
    {
        var from = request.From?.Resolve(schedule) ?? now;
        var localFrom = TimeZoneInfo.ConvertTime(from, schedule.Zone).DateTime;
        return (from, schedule.ToInstant(localFrom.AddDays(request.Days)));
    }

    /// <summary>
    /// The days the calendar took out: those on which the same task without its calendar would have run.
    /// Asking the calendar-free schedule keeps cron tasks honest (a holiday on a day the cron never fires is no news).
    /// </summary>
    private static List<SkippedDay> Skipped(TaskDefinition definition, TaskSchedule schedule, DateTimeOffset from, DateTimeOffset until)
    {
        if (schedule.Calendar is null)
        {
            return [];
        }

        return TaskSchedule.For(definition with { Calendar = null }, null).Between(from, until)
            .Take(MaxOccurrences)
            .Select(o => schedule.LocalDateOf(o.Utc))
            .Distinct()
            .Where(day => schedule.DayExclusion(day) is not null)
            .Select(day => schedule.Calendar.ReasonFor(day) is { } reason ? new SkippedDay(day, schedule.Calendar.Name, reason) : null)
            .OfType<SkippedDay>()
            .ToList();
    }
}
