namespace EasyTask.Scheduler.Api.Logs;

/// <summary>
/// A stored log held once as one string with the offset of each line, so that a page is a few substrings and a
/// search one pass of a vectorised IndexOf over the whole text, not a million line strings. Lines end at '\n'; a
/// final newline ends the last line rather than starting an empty one; a '\r' before the '\n' is not part of the line.
/// </summary>
internal sealed class LogText
{
    private const char Escape = '\u001b';

    private readonly string text;
    private readonly int[] starts;
    private readonly int[] escapedLines;

    private LogText(string text, int[] starts, int[] escapedLines)
    {
        this.text = text;
        this.starts = starts;
        this.escapedLines = escapedLines;
    }

    public int Count => starts.Length;

    /// <summary>Roughly the memory held, in characters (for the cache's size limit).</summary>
    public long Size => text.Length + (starts.Length * 2L) + (escapedLines.Length * 2L);

    public static LogText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = new List<int>();
        var escaped = new List<int>();
        var at = 0;
        while (at < text.Length)
        {
            starts.Add(at);
            var end = text.IndexOf('\n', at);
            end = end < 0 ? text.Length : end;
            if (text.AsSpan(at, end - at).Contains(Escape))
            {
                escaped.Add(starts.Count - 1);
            }

            at = end + 1;
        }

        return new LogText(text, [.. starts], [.. escaped]);
    }

    /// <summary>Line <paramref name="index"/> (0-based) without its line end.</summary>
    public string Line(int index)
    {
        var start = starts[index];
        var end = index + 1 < starts.Length ? starts[index + 1] - 1 : text.Length;
        if (index + 1 == starts.Length && end > start && text[end - 1] == '\n')
        {
            end--;
        }

        if (end > start && text[end - 1] == '\r')
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Up to <paramref name="count"/> lines from <paramref name="first"/> (0-based).</summary>
    public List<string> Slice(int first, int count)
    {
        var lines = new List<string>(Math.Max(0, Math.Min(count, Count - first)));
        for (var i = Math.Max(0, first); i < Count && i < first + count; i++)
        {
            lines.Add(Line(i));
        }

        return lines;
    }

    /// <summary>1-based numbers of the lines containing <paramref name="query"/> (case-insensitive, ANSI colour codes ignored), at most <paramref name="max"/>.</summary>
    public IReadOnlyList<int> Search(string query, int max)
    {
        ArgumentException.ThrowIfNullOrEmpty(query);
        var found = new SortedSet<int>();
        if (query.Contains('\n', StringComparison.Ordinal))
        {
            return [];
        }

        // Lines with colour codes are searched with the codes taken out (a match may straddle one); the rest in place.
        var escaped = new HashSet<int>(escapedLines);
        foreach (var index in escapedLines)
        {
            if (AnsiCodes.Strip(Line(index)).Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(index + 1);
            }
        }

        var at = 0;
        while (at < text.Length && found.Count < max + escapedLines.Length)
        {
            var hit = text.IndexOf(query, at, StringComparison.OrdinalIgnoreCase);
            if (hit < 0)
            {
                break;
            }

            var index = LineAt(hit);
            if (!escaped.Contains(index))
            {
                found.Add(index + 1);
            }

            at = index + 1 < starts.Length ? starts[index + 1] : text.Length;
        }

        return found.Take(max).ToList();
    }

    private int LineAt(int offset)
    {
        var index = Array.BinarySearch(starts, offset);
        return index >= 0 ? index : ~index - 1;
    }
}
