using System.Globalization;

namespace EasyTask.Scheduler.Cli;

/// <summary>How the CLI writes times and durations for people: UTC, to the second, always the same width.</summary>
internal static class CliFormat
{
    public static string Time(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Duration(long? milliseconds) => milliseconds switch
    {
        null => "-",
        < 1000 => $"{milliseconds} ms",
        < 60_000 => $"{milliseconds / 1000.0:0.0} s".Replace(',', '.'),
        _ => TimeSpan.FromMilliseconds(milliseconds.Value).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
    };
}
