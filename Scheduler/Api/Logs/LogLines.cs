namespace EasyTask.Scheduler.Api.Logs;

/// <summary>A stored log split into lines (a final newline ends the last line, it does not start an empty one).</summary>
internal static class LogLines
{
    public const int MaxMatches = 10_000;

    public static string[] Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        if (lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }

    /// <summary>1-based numbers of the lines containing <paramref name="query"/> (case-insensitive, ANSI colour codes ignored), at most <see cref="MaxMatches"/>.</summary>
    public static IReadOnlyList<int> Search(string[] lines, string query)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var found = new List<int>();
        for (var i = 0; i < lines.Length && found.Count < MaxMatches; i++)
        {
            var line = lines[i].Contains('\u001b', StringComparison.Ordinal) ? AnsiCodes.Strip(lines[i]) : lines[i];
            if (line.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(i + 1);
            }
        }

        return found;
    }
}
