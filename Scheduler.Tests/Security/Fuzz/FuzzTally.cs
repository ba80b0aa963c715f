using System.Collections.Concurrent;
using System.Text;

namespace EasyTask.Scheduler.Tests.Security.Fuzz;

/// <summary>Counts of what happened to the generated inputs, by door, class of input and answer; and every broken promise.</summary>
internal sealed class FuzzTally
{
    private readonly ConcurrentDictionary<(string Door, string Class, string Outcome), int> counts = new();
    private readonly ConcurrentQueue<string> violations = new();

    public IReadOnlyCollection<string> Violations => violations;

    public void Count(string door, FuzzCase fuzz, string outcome) =>
        counts.AddOrUpdate((door, $"{(fuzz.IsCalendar ? "calendar" : "task")} {fuzz.Class}", outcome), fuzz.Count, (_, n) => n + fuzz.Count);

    public void Violation(string message) => violations.Enqueue(message);

    public int Total(string door) => counts.Where(c => c.Key.Door == door).Sum(c => c.Value);

    /// <summary>One line per door and class: how many inputs, and how each was answered.</summary>
    public string Report()
    {
        var report = new StringBuilder();
        foreach (var door in counts.Keys.Select(k => k.Door).Distinct().Order(StringComparer.Ordinal))
        {
            var outcomes = counts.Where(c => c.Key.Door == door).GroupBy(c => c.Key.Outcome).Select(g => $"{g.Key} {g.Sum(c => c.Value)}").Order(StringComparer.Ordinal);
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{door}: {Total(door)} definitions and calendars; {string.Join(", ", outcomes)}");
            foreach (var kind in counts.Where(c => c.Key.Door == door).GroupBy(c => c.Key.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                    $"  {kind.Key,-32} {kind.Sum(c => c.Value),6}: {string.Join(", ", kind.OrderBy(c => c.Key.Outcome, StringComparer.Ordinal).Select(c => $"{c.Key.Outcome} {c.Value}"))}");
            }
        }

        return report.ToString();
    }
}
