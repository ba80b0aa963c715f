using System.Globalization;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>What a forecast was asked for: a start (null = now) and a number of days. Read the same way by the CLI and the API.</summary>
internal sealed record ForecastRequest(ForecastStart? From, int Days)
{
    public const int DefaultDays = 7;

    /// <summary>Longest window: ten years (3,660 days covers ten calendar years, leap days included).</summary>
    public const int MaxDays = 3660;

    /// <summary>Reads the two texts; each problem names its field (<c>from</c>, <c>days</c>).</summary>
    public static IReadOnlyList<FieldError> TryParse(string? from, string? days, out ForecastRequest request)
    {
        var errors = new List<FieldError>();
        ForecastStart? start = null;
        if (!string.IsNullOrWhiteSpace(from) && !ForecastStart.TryParse(from, out start, out var problem))
        {
            errors.Add(new("from", problem));
            start = null;
        }

        var count = DefaultDays;
        if (days is not null && (!int.TryParse(days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxDays))
        {
            errors.Add(new("days", $"must be a whole number of days from 1 to {MaxDays}, got \"{days}\""));
            count = DefaultDays;
        }

        request = new ForecastRequest(start, count);
        return errors;
    }
}
