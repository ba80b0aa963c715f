using System.Globalization;
using System.Text.RegularExpressions;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Where a forecast window starts, as an operator writes it: an ISO 8601 instant with <c>Z</c> or an
/// offset, or a wall-clock date/time without one, which is read on the task's own clock (so
/// <c>2026-11-23</c> means midnight in the task's zone, not on the machine asking).
/// </summary>
internal sealed partial record ForecastStart
{
    private ForecastStart(DateTimeOffset? instant, DateTime? local)
    {
        Instant = instant;
        Local = local;
    }

    /// <summary>The start as an instant, when the text carried an offset.</summary>
    public DateTimeOffset? Instant { get; }

    /// <summary>The start as a wall-clock time in the task's zone, when the text carried no offset.</summary>
    public DateTime? Local { get; }

    public static ForecastStart At(DateTimeOffset instant) => new(instant, null);

    public static bool TryParse(string text, out ForecastStart start, out string problem)
    {
        start = At(DateTimeOffset.MinValue);
        problem = $"must be an ISO 8601 date or date-time such as 2026-11-23, 2026-11-23T08:00 (read in the task's time zone) or 2026-11-23T13:00:00Z, got \"{text}\"";
        var match = IsoPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["offset"].Success)
        {
            if (!DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return false;
            }

            start = At(instant);
            return true;
        }

        if (!DateTime.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        start = new ForecastStart(null, DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        return true;
    }

    /// <summary>The instant the window starts for a task with this schedule.</summary>
    public DateTimeOffset Resolve(TaskSchedule schedule) => Instant ?? schedule.ToInstant(Local!.Value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();
}
