using System.Diagnostics;
using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>
/// <c>easytask bench forecast</c>: how long the longest forecast (<see cref="ForecastRequest.MaxDays"/> days) takes for
/// busy schedules, computed as the API computes it (occurrences and the calendar's skipped days). Prints figures.
/// </summary>
internal static class ForecastBenchmark
{
    private const int Repeats = 5;

    public static async Task RunAsync(TextWriter output)
    {
        await output.WriteLineAsync(Format($"forecast bench on {Environment.ProcessorCount} cores, .NET {Environment.Version}: {ForecastRequest.MaxDays} days, best and median of {Repeats}"));
        var cases = new (string Label, TaskDefinition Definition)[]
        {
            ("4 times a day, Mon-Fri, US_HOLIDAYS, New York", Task("06:00,10:00,14:00,18:00", "1111100", BuiltInCalendars.UsHolidays, "America/New_York")),
            ("every hour, every day, UTC", Task(string.Join(',', Enumerable.Range(0, 24).Select(h => $"{h:00}:00")), "1111111", null, "UTC")),
            ("cron every 15 min, Mon-Fri, US_HOLIDAYS", Task(null, "1111100", BuiltInCalendars.UsHolidays, "America/New_York") with { Cron = "*/15 * * * *" }),
        };
        var errors = ForecastRequest.TryParse("2027-01-01", ForecastRequest.MaxDays.ToString(CultureInfo.InvariantCulture), out var request);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        foreach (var (label, definition) in cases)
        {
            var calendars = new CalendarDays();
            var first = Forecast.Of(definition, calendars, request, TimeProvider.System.GetUtcNow());
            var timings = new List<double>();
            for (var i = 0; i < Repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                Forecast.Of(definition, calendars, request, TimeProvider.System.GetUtcNow());
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }

            timings.Sort();
            await output.WriteLineAsync(Format(
                $"{label,-46} {first.Occurrences.Count,7} runs, {first.SkippedDays.Count,3} skipped days: best {timings[0],7:F1} ms, median {timings[Repeats / 2],7:F1} ms{(first.IsTruncated ? " (truncated)" : "")}"));
        }
    }

    private static TaskDefinition Task(string? times, string days, string? calendar, string zone) =>
        new() { Tid = 1, Name = "bench", Cmd = "true", RunOnHost = "bench", Timezone = zone, TriggerTimes = times, DayOfWeek = days, Calendar = calendar };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
