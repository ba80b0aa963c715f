using Cronos;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// The one computation of "the next occurrence after instant T" for a definition: trigger times or
/// cron, read in the task's zone, on the days its weekday mask allows, minus its calendar's days.
/// Firing, forecast, explain and missed-run recovery all ask this class, so they cannot disagree.
/// </summary>
internal sealed partial class TaskSchedule
{
    /// <summary>How far ahead a search looks before concluding the task never runs again.</summary>
    private const int HorizonDays = 366 * 5;

    private readonly TimeZoneInfo zone;
    private readonly string dayMask;
    private readonly IReadOnlyList<TimeOnly>? times;
    private readonly CronExpression? cron;

    private TaskSchedule(TimeZoneInfo zone, string dayMask, IReadOnlyList<TimeOnly>? times, CronExpression? cron, IExcludedDays? calendar)
    {
        this.zone = zone;
        this.dayMask = dayMask;
        this.times = times;
        this.cron = cron;
        Calendar = calendar;
    }

    public TimeZoneInfo Zone => zone;

    public IExcludedDays? Calendar { get; }

    /// <summary>False for tasks that only run on demand or after their dependencies.</summary>
    public bool HasTimes => times is not null || cron is not null;

    /// <summary>Builds the schedule of a valid definition; <paramref name="calendar"/> is the resolved <c>calendar</c> field.</summary>
    public static TaskSchedule For(TaskDefinition definition, IExcludedDays? calendar)
    {
        if (!TimeZones.TryFind(definition.Timezone, out var zone))
        {
            throw new ArgumentException($"timezone: \"{definition.Timezone}\" is not a known time zone", nameof(definition));
        }

        IReadOnlyList<TimeOnly>? times = null;
        if (definition.TriggerTimes is not null && !TriggerTimes.TryParse(definition.TriggerTimes, out times, out var problem))
        {
            throw new ArgumentException($"trigger_times: {problem}", nameof(definition));
        }

        CronExpression? cron = null;
        if (definition.Cron is not null && !CronText.TryParse(definition.Cron, out cron, out var cronProblem))
        {
            throw new ArgumentException($"cron: {cronProblem}", nameof(definition));
        }

        return new TaskSchedule(zone, definition.DayOfWeek, times, cron, calendar);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none within five years.</summary>
    public Occurrence? NextAfter(DateTimeOffset after)
    {
        var utc = times is not null ? NextTriggerTime(after) : cron is not null ? NextCron(after) : null;
        return utc is null ? null : new Occurrence(utc.Value, TimeZoneInfo.ConvertTime(utc.Value, zone));
    }

    /// <summary>Occurrences in (<paramref name="after"/>, <paramref name="until"/>], in time order.</summary>
    public IEnumerable<Occurrence> Between(DateTimeOffset after, DateTimeOffset until)
    {
        if (times is not null)
        {
            return TriggerTimesBetween(after, until);
        }

        return CronBetween(after, until);
    }

    /// <summary>
    /// One pass over the local days, each day's exclusion checked once: the same occurrences as calling
    /// <see cref="NextAfter"/> again and again (candidates come in time order), but fast enough for a ten-year window.
    /// </summary>
    private IEnumerable<Occurrence> TriggerTimesBetween(DateTimeOffset after, DateTimeOffset until)
    {
        // A day early and a day late: a DST shift can move a candidate onto the neighbouring local date.
        var last = after;
        var lastDay = LocalDateOf(until).AddDays(1);
        for (var day = LocalDateOf(after).AddDays(-1); day <= lastDay; day = day.AddDays(1))
        {
            if (DayExclusion(day) is not null)
            {
                continue;
            }

            foreach (var time in times!)
            {
                var candidate = ToInstant(day.ToDateTime(time));
                if (candidate > until)
                {
                    yield break;
                }

                if (candidate > last)
                {
                    last = candidate;
                    yield return new Occurrence(candidate, TimeZoneInfo.ConvertTime(candidate, zone));
                }
            }
        }
    }

    private IEnumerable<Occurrence> CronBetween(DateTimeOffset after, DateTimeOffset until)
    {
        var next = NextAfter(after);
        while (next is not null && next.Utc <= until)
        {
            yield return next;
            next = NextAfter(next.Utc);
        }
    }

    /// <summary>Why a local date is not a run day (weekday mask or calendar), or null when the task may run that day.</summary>
    public string? DayExclusion(DateOnly localDate)
    {
        if (!DayMask.Allows(dayMask, localDate.DayOfWeek))
        {
            return $"{localDate.DayOfWeek} is excluded by day_of_week {dayMask} (Monday first)";
        }

        return Calendar?.ReasonFor(localDate) is { } reason ? $"{localDate:yyyy-MM-dd} is a holiday in calendar {Calendar.Name}: {reason}" : null;
    }

    /// <summary>The local date of an instant on the task's clock.</summary>
    public DateOnly LocalDateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private DateTimeOffset? NextTriggerTime(DateTimeOffset after)
    {
        // Start a day early: a DST shift can move the first candidate onto the previous local date.
        var day = LocalDateOf(after).AddDays(-1);
        for (var i = 0; i < HorizonDays; i++, day = day.AddDays(1))
        {
            if (DayExclusion(day) is not null)
            {
                continue;
            }

            foreach (var time in times!)
            {
                var candidate = ToInstant(day.ToDateTime(time));
                if (candidate > after)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private DateTimeOffset? NextCron(DateTimeOffset after)
    {
        var from = after;
        var limit = after.AddDays(HorizonDays);
        while (cron!.GetNextOccurrence(from, zone, inclusive: false) is { } next && next <= limit)
        {
            var day = LocalDateOf(next);
            if (DayExclusion(day) is null)
            {
                return next;
            }

            // Skip the rest of an excluded day at once instead of walking every second of it.
            from = Max(next, ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1));
        }

        return null;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
