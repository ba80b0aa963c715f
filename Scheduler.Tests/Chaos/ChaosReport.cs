using System.Globalization;
using System.Text;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>
/// What a chaos run proved, worked out from the runs the API lists and the marker lines the tasks wrote:
/// occurrences lost or doubled, runs stuck, attempts executed twice, retries against policy, failover gaps and lateness.
/// </summary>
internal sealed class ChaosReport
{
    private static readonly string[] FinalStatuses = ["SUCCESS", "FAILED", "TERMINATED"];

    public required ChaosPlan Plan { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    public int Due { get; private set; }

    public int Runs { get; private set; }

    public List<string> Lost { get; } = [];

    public List<string> Doubled { get; } = [];

    public List<string> Stuck { get; } = [];

    public List<string> DoubledExecutions { get; } = [];

    public List<string> RetryViolations { get; } = [];

    /// <summary>Occurrences the takeover recorded as FAILED (missed): due longer ago than its catch-up window, so never run.</summary>
    public List<string> Missed { get; } = [];

    public int ChaosRetried { get; private set; }

    public int FlakyRetried { get; private set; }

    public Dictionary<string, int> EndedBy { get; } = [];

    public List<TimeSpan> FailoverGaps { get; } = [];

    public List<TimeSpan> TakeoverLateness { get; } = [];

    public List<TimeSpan> Lateness { get; } = [];

    public string Events { get; init; } = "";

    public static ChaosReport Build(
        ChaosPlan plan,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        IReadOnlyList<ChaosTask> tasks,
        IReadOnlyDictionary<string, List<RunResource>> runsByTask,
        IReadOnlyList<string> markerLines,
        IReadOnlyList<DateTimeOffset> leaderKills,
        string events)
    {
        var report = new ChaosReport { Plan = plan, WindowStart = windowStart, WindowEnd = windowEnd, Events = events };
        var all = new List<RunResource>();
        foreach (var task in tasks)
        {
            var runs = runsByTask.GetValueOrDefault(task.Name) ?? [];
            all.AddRange(runs);
            var inWindow = runs.Where(r => r.ScheduledFor >= windowStart && r.ScheduledFor < windowEnd).ToList();
            var due = task.DueBetween(windowStart, windowEnd).ToHashSet();
            report.Due += due.Count;
            report.Runs += inWindow.Count;
            var byTime = inWindow.GroupBy(r => r.ScheduledFor).ToDictionary(g => g.Key, g => g.ToList());
            report.Lost.AddRange(due.Where(t => !byTime.ContainsKey(t)).Select(t => $"{task.Name} @ {Stamp(t)}"));
            report.Doubled.AddRange(byTime.Where(g => g.Value.Count > 1 || !due.Contains(g.Key))
                .Select(g => $"{task.Name} @ {Stamp(g.Key)}: {string.Join(", ", g.Value.Select(r => r.RunId))}"));
            foreach (var run in inWindow)
            {
                report.Check(task, run);
            }
        }

        report.DoubledExecutions.AddRange(markerLines.Where(l => l.Length > 0).GroupBy(l => l.Trim()).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}"));
        report.Measure(all, leaderKills);
        return report;
    }

    private void Check(ChaosTask task, RunResource run)
    {
        if (!FinalStatuses.Contains(run.Status))
        {
            Stuck.Add($"{run.RunId} {run.Task} on {run.Host} @ {Stamp(run.ScheduledFor)} {run.Status} attempt {run.Attempt}{(run.WaitingFor is null ? "" : $" ({run.WaitingFor})")}");
            return;
        }

        var key = run.Reason is null ? run.Status : $"{run.Status} ({run.Reason})";
        EndedBy[key] = EndedBy.GetValueOrDefault(key) + 1;
        if (run.Attempt > task.Retries + 1)
        {
            RetryViolations.Add($"{run.RunId} {run.Task}: attempt {run.Attempt} but only {task.Retries} retries allowed");
        }

        if (run.Reason == "missed")
        {
            Missed.Add($"{run.RunId} {run.Task} @ {Stamp(run.ScheduledFor)}");
        }

        // Never executed (skipped by the concurrency policy, missed beyond the takeover window) or stopped on purpose.
        var retriable = run.Reason is not ("skipped" or "missed" or "dependency_failed" or "killed" or "shutdown");
        if (run.Status != "SUCCESS" && retriable && run.Attempt <= task.Retries)
        {
            RetryViolations.Add($"{run.RunId} {run.Task}: ended {run.Status} ({run.Reason}) on attempt {run.Attempt} with {task.Retries} retries allowed");
        }

        if (task.FailsFirstAttempt && run.Status == "SUCCESS" && run.Attempt < 2)
        {
            RetryViolations.Add($"{run.RunId} {run.Task}: succeeded on attempt 1 although that attempt always fails");
        }

        if (run.Attempt > 1)
        {
            if (task.FailsFirstAttempt && run.Attempt == 2)
            {
                FlakyRetried++;
            }
            else
            {
                ChaosRetried++;
            }
        }
    }

    private void Measure(List<RunResource> all, IReadOnlyList<DateTimeOffset> leaderKills)
    {
        var created = all.Select(r => r.CreatedAt).Order().ToList();
        foreach (var kill in leaderKills)
        {
            var before = created.LastOrDefault(c => c <= kill);
            var after = created.FirstOrDefault(c => c > kill);
            if (before == default || after == default)
            {
                continue;
            }

            FailoverGaps.Add(after - before);
            var takeoverEnd = after + TimeSpan.FromSeconds(1);
            TakeoverLateness.AddRange(all.Where(r => r.ScheduledFor > before && r.ScheduledFor <= takeoverEnd && r.StartedAt is not null && r.Attempt == 1)
                .Select(r => r.StartedAt!.Value - r.ScheduledFor));
        }

        Lateness.AddRange(all.Where(r => r.ScheduledFor >= WindowStart && r.ScheduledFor < WindowEnd && r.StartedAt is not null && r.Attempt == 1)
            .Select(r => r.StartedAt!.Value - r.ScheduledFor));
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Chaos run ({Plan.Name}): {Plan.Tasks} tasks every {Plan.PeriodSeconds} s, window {Stamp(WindowStart)} to {Stamp(WindowEnd)} ({(WindowEnd - WindowStart).TotalSeconds:0} s)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  disruptions: {Events}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  occurrences due: {Due}; runs: {Runs}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  lost: {Lost.Count}; doubled: {Doubled.Count}; stuck: {Stuck.Count}; doubled executions: {DoubledExecutions.Count}; retries against policy: {RetryViolations.Count}; missed (recorded, never run): {Missed.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  ended: {string.Join(", ", EndedBy.OrderByDescending(e => e.Value).Select(e => $"{e.Value} {e.Key}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  retried: {FlakyRetried} planned (first attempt fails), {ChaosRetried} because of the chaos");
        text.AppendLine(CultureInfo.InvariantCulture, $"  failover gaps (last run created before a leader kill to first after), {FailoverGaps.Count} kills: {Spread(FailoverGaps)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  scheduled-to-start lateness during takeovers: {Spread(TakeoverLateness)} ({TakeoverLateness.Count} runs)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  scheduled-to-start lateness, whole window: {Spread(Lateness)} ({Lateness.Count} runs)");
        foreach (var (label, items) in new[] { ("lost", Lost), ("doubled", Doubled), ("stuck", Stuck), ("doubled executions", DoubledExecutions), ("retries against policy", RetryViolations) })
        {
            if (items.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {label} (first 20): {string.Join("; ", items.Take(20))}");
            }
        }

        return text.ToString();
    }

    private static string Spread(List<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return "n/a";
        }

        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"min {sorted[0].TotalSeconds:0.0} s, median {sorted[sorted.Count / 2].TotalSeconds:0.0} s, p95 {sorted[(int)(sorted.Count * 0.95)].TotalSeconds:0.0} s, max {sorted[^1].TotalSeconds:0.0} s");
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
