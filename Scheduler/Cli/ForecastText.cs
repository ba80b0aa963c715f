using System.Globalization;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// The text form of <c>task forecast</c>: a header naming the task, zone and calendar, then one line per run
/// (local time with weekday and offset, and UTC), with the days the calendar skipped in their place.
/// Offline and server forecasts both print through here, so they read the same.
/// </summary>
internal static class ForecastText
{
    public static async Task WriteAsync(TextWriter output, Forecast forecast, bool onHold)
    {
        var d = forecast.Definition;
        await output.WriteLineAsync($"Task:      {d.Name} (tid {d.Tid})");
        await output.WriteLineAsync($"Schedule:  {TaskListCommand.Describe(d)}");
        await output.WriteLineAsync($"Zone:      {d.Timezone}");
        await output.WriteLineAsync($"Calendar:  {d.Calendar ?? "none"}");
        if (!d.Active || onHold)
        {
            var why = !d.Active ? "inactive (IDLE)" : "on hold";
            await output.WriteLineAsync($"Note:      the task is {why}: it will not be triggered at these times until {(!d.Active ? "activated" : "released")}");
        }

        if (!forecast.HasTimes)
        {
            var how = d.DependsOn is { Count: > 0 } ? $"each time its dependencies are met ({string.Join(", ", d.DependsOn.Select(x => x.Task))})" : "only on demand";
            await output.WriteLineAsync($"No times to forecast: the task has neither trigger_times nor cron; it runs {how}.");
            return;
        }

        await output.WriteLineAsync($"Window:    {Local(forecast.From, forecast.Zone)} to {Local(forecast.Until, forecast.Zone)} ({forecast.Days} day{(forecast.Days == 1 ? "" : "s")})");
        await output.WriteLineAsync($"Runs:      {forecast.Occurrences.Count}");
        var skipped = new Queue<SkippedDay>(forecast.SkippedDays.OrderBy(s => s.Date));
        foreach (var occurrence in forecast.Occurrences)
        {
            while (skipped.Count > 0 && skipped.Peek().Date < DateOnly.FromDateTime(occurrence.Local.DateTime))
            {
                await output.WriteLineAsync($"  {skipped.Dequeue()}");
            }

            await output.WriteLineAsync($"  {Time(occurrence.Local)} {occurrence.Local:zzz}   {Utc(occurrence.Utc)}");
        }

        while (skipped.Count > 0)
        {
            await output.WriteLineAsync($"  {skipped.Dequeue()}");
        }
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{Time(local)} {local:zzz}";
    }

    private static string Utc(DateTimeOffset t) =>
        t.UtcDateTime.ToString(t.Second == 0 ? "yyyy-MM-dd HH:mm 'UTC'" : "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Weekday, date and minutes; seconds only when a cron schedule uses them.</summary>
    private static string Time(DateTimeOffset t) =>
        t.ToString(t.Second == 0 ? "ddd yyyy-MM-dd HH:mm" : "ddd yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
