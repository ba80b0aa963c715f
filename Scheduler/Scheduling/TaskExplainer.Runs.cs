using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Scheduling;

internal sealed partial class TaskExplainer
{
    /// <summary>"Will it run at T / did it run at T": the day's exclusions, that day's occurrences and their runs.</summary>
    private async Task ExplainInstantAsync(ScheduledTask task, DateTimeOffset at, List<string> lines, CancellationToken cancellationToken)
    {
        var schedule = task.Schedule;
        var day = schedule.LocalDateOf(at);
        if (schedule.DayExclusion(day) is { } excluded)
        {
            lines.Add($"{task.Name} does not run on {day:yyyy-MM-dd}: {excluded}.");
            return;
        }

        if (!schedule.HasTimes)
        {
            return;
        }

        var dayStart = schedule.ToInstant(day.ToDateTime(TimeOnly.MinValue));
        var occurrences = schedule.Between(dayStart.AddTicks(-1), schedule.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1)).ToList();
        var exact = occurrences.FirstOrDefault(o => o.Utc == at.ToUniversalTime());
        if (exact is null)
        {
            lines.Add(occurrences.Count == 0
                ? $"{task.Name} has no occurrence on {day:yyyy-MM-dd}."
                : $"{task.Name} has no occurrence at {Local(TimeZoneInfo.ConvertTime(at, schedule.Zone))}; on {day:yyyy-MM-dd} it is due at {string.Join(", ", occurrences.Select(o => o.Local.ToString("HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)))}.");
        }

        foreach (var occurrence in exact is null ? occurrences : [exact])
        {
            lines.Add(await DescribeOccurrenceAsync(task, occurrence, cancellationToken));
        }
    }

    /// <summary>"Why didn't it run?": the latest run, and the latest occurrence if it has no run.</summary>
    private async Task ExplainLatestAsync(ScheduledTask task, List<string> lines, CancellationToken cancellationToken)
    {
        var latest = await runs.LatestAsync(task.Name, cancellationToken);
        lines.Add(latest is null ? $"{task.Name} has never run." : $"Latest run: {await DescribeRunAsync(latest, cancellationToken)}");
        var now = time.GetUtcNow();
        var lastOccurrence = LastOccurrenceBefore(task.Schedule, now);
        if (lastOccurrence is not null && (latest is null || latest.ScheduledFor < lastOccurrence.Utc))
        {
            lines.Add(await DescribeOccurrenceAsync(task, lastOccurrence, cancellationToken));
        }
    }

    private async Task<string> DescribeOccurrenceAsync(ScheduledTask task, Occurrence occurrence, CancellationToken cancellationToken)
    {
        var when = $"{Local(occurrence.Local)} ({Utc(occurrence.Utc)})";
        var now = time.GetUtcNow();
        if (occurrence.Utc > now)
        {
            return $"It is due {when}; it has not happened yet.";
        }

        if (await runs.FindOccurrenceAsync(task.Tid, occurrence.Utc, cancellationToken) is { } run)
        {
            return $"The occurrence due {when}: {await DescribeRunAsync(run, cancellationToken)}";
        }

        return occurrence.Utc < task.Stored.UpdatedAt
            ? $"The occurrence due {when} has no run: the task was created or last changed after it ({Utc(task.Stored.UpdatedAt)}), and changes never backfill."
            : $"The occurrence due {when} has no run: the scheduler was not running then (missed-run recovery records it as missed, or runs it late within misfire_grace {task.Definition.MisfireGrace} s, at its next start).";
    }

    private async Task<string> DescribeRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var id = $"run {run.RunId} (due {Utc(run.ScheduledFor)})";
        return (run.Status, run.Reason) switch
        {
            (RunStatus.Active, _) => $"{id} is ACTIVE, {await lifecycle.WaitingReasonAsync(run, cancellationToken) ?? "being checked for dependencies"}.",
            (RunStatus.Trigger, _) => $"{id} is TRIGGER, {await lifecycle.WaitingReasonAsync(run, cancellationToken) ?? $"handed to host {run.Host}, waiting for its agent to acknowledge"}.",
            (RunStatus.Started or RunStatus.Running, _) => $"{id} is {run.Status.ToText()} on host {run.Host} since {Utc(run.StartedAt ?? run.CreatedAt)}.",
            (_, RunReason.Missed) => $"{id} was missed while the scheduler was down (older than misfire_grace, or superseded by a later late run).",
            (_, RunReason.Skipped) => $"{id} was skipped: the previous run was still going (concurrency skip).",
            (_, RunReason.DependencyFailed) => $"{id} ended FAILED (dependency_failed): {await LastDetailAsync(run, cancellationToken)}.",
            _ => $"{id} ended {run.Status.ToText()}{(run.Reason is null ? "" : $" ({run.Reason})")}{(run.ReturnCode is { } rc ? $", return code {rc}" : "")}{(run.FinishedAt is { } f ? $" at {Utc(f)}" : "")}.",
        };
    }

    private async Task<string> LastDetailAsync(RunRecord run, CancellationToken cancellationToken) =>
        (await runs.EventsAsync(run.RunId, cancellationToken)).LastOrDefault(e => e.Detail is not null)?.Detail ?? "no detail recorded";

    /// <summary>The latest occurrence in the past week; narrow windows first, so a seconds-cron is not walked for a week.</summary>
    private static Occurrence? LastOccurrenceBefore(TaskSchedule schedule, DateTimeOffset now) =>
        new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7) }
            .Select(window => schedule.Between(now - window, now).LastOrDefault())
            .FirstOrDefault(found => found is not null);
}
