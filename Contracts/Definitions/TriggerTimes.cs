using System.Globalization;

namespace EasyTask.Contracts.Definitions;

/// <summary>The <c>trigger_times</c> form: local <c>HH:mm</c> times, comma-separated.</summary>
public static class TriggerTimes
{
    /// <summary>Parses the list; on failure <paramref name="problem"/> says which entry is wrong and why.</summary>
    public static bool TryParse(string text, out IReadOnlyList<TimeOnly> times, out string? problem)
    {
        var parsed = new List<TimeOnly>();
        times = parsed;
        problem = null;
        foreach (var raw in text.Split(','))
        {
            var entry = raw.Trim();
            if (!TimeOnly.TryParseExact(entry, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                problem = entry.Length == 0
                    ? "has an empty entry; write times as HH:mm separated by commas, e.g. 08:30,14:00"
                    : $"has \"{entry}\", which is not a 24-hour HH:mm time (00:00 to 23:59), e.g. 08:30,14:00";
                return false;
            }

            if (parsed.Contains(time))
            {
                problem = $"lists {entry} more than once";
                return false;
            }

            parsed.Add(time);
        }

        parsed.Sort();
        return true;
    }
}
