using System.Globalization;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// How the CLI writes times and durations for people: to the second, always the same width; local time with its
/// offset (so it is never mistaken for UTC), or UTC marked <c>Z</c> when <c>--utc</c> is given.
/// </summary>
internal static class CliFormat
{
    public static string Time(DateTimeOffset? instant, bool utc = false) => instant switch
    {
        null => "-",
        { } t when utc => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        { } t => TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
    };

    public static string Duration(long? milliseconds) => milliseconds switch
    {
        null => "-",
        < 1000 => $"{milliseconds} ms",
        < 60_000 => $"{milliseconds / 1000.0:0.0} s".Replace(',', '.'),
        _ => TimeSpan.FromMilliseconds(milliseconds.Value).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
    };
}
