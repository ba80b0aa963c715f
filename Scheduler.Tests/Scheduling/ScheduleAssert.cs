using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Tests.Scheduling;

/// <summary>Shorthands for schedule tests: build a definition's schedule and read occurrences as text.</summary>
internal static class ScheduleAssert
{
    public static TaskSchedule Schedule(string timezone, string? times = null, string days = "1111111", string? cron = null, IExcludedDays? calendar = null) =>
        TaskSchedule.For(
            new TaskDefinition { Tid = 1, Name = "t", Cmd = "true", RunOnHost = "h", Timezone = timezone, TriggerTimes = times, DayOfWeek = days, Cron = cron },
            calendar);

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Occurrences as "local ISO with offset", the way an operator reads a forecast.</summary>
    public static List<string> Locals(TaskSchedule schedule, string fromUtc, int count) =>
        Take(schedule, fromUtc, count).Select(o => o.Local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).ToList();

    public static List<string> Utcs(TaskSchedule schedule, string fromUtc, int count) =>
        Take(schedule, fromUtc, count).Select(o => o.Utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).ToList();

    private static List<Occurrence> Take(TaskSchedule schedule, string fromUtc, int count)
    {
        var result = new List<Occurrence>();
        var after = Utc(fromUtc);
        while (result.Count < count && schedule.NextAfter(after) is { } next)
        {
            result.Add(next);
            after = next.Utc;
        }

        return result;
    }
}
