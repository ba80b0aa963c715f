using System.Globalization;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// One forecast run as the API and <c>task forecast --json</c> write it: the instant in UTC (<c>Z</c>) and the
/// same instant on the task's clock with its offset, both ISO 8601, so scripts need no zone database.
/// </summary>
internal sealed record ForecastOccurrence(string Utc, string Local)
{
    public static ForecastOccurrence From(Occurrence occurrence) => new(
        occurrence.Utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        occurrence.Local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    /// <summary>Reads both forms back (methods, not properties, so they stay out of the JSON); the local form keeps its offset.</summary>
    public Occurrence ToOccurrence() => new(
        DateTimeOffset.Parse(Utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        DateTimeOffset.Parse(Local, CultureInfo.InvariantCulture, DateTimeStyles.None));
}
