using System.Globalization;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Agents;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Answers an operator's "why didn't it run?" or "will it run at T?" in words, from the same schedule
/// computation the clock uses and from the runs the database recorded.
/// </summary>
internal sealed partial class TaskExplainer(
    TaskRegistry registry,
    IRunStore runs,
    RunLifecycle lifecycle,
    DependencyEvaluator dependencies,
    TaskWarnings warnings,
    QuartzClock clock,
    IOptions<SchedulerOptions> options,
    TimeProvider time)
{
    public async Task<Explanation?> ExplainAsync(string name, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (registry.Find(name) is not { } task)
        {
            return null;
        }

        var lines = new List<string>();
        StandingConditions(task, lines);
        if (at is { } instant)
        {
            await ExplainInstantAsync(task, instant, lines, cancellationToken);
        }
        else
        {
            await ExplainLatestAsync(task, lines, cancellationToken);
        }

        await ExplainDependenciesAsync(task, lines, cancellationToken);
        await ExplainNextAsync(task, lines, cancellationToken);
        lines.AddRange((await warnings.ForAsync(task.Definition, cancellationToken)).Select(w => "Warning: " + w));
        return new Explanation(name, at, lines);
    }

    private void StandingConditions(ScheduledTask task, List<string> lines)
    {
        var d = task.Definition;
        if (d.Instance != options.Value.Instance)
        {
            lines.Add($"{d.Name} belongs to scheduler instance \"{d.Instance}\" but this scheduler is instance \"{options.Value.Instance}\": it never fires here.");
        }

        if (!d.Active)
        {
            lines.Add($"{d.Name} is inactive (IDLE): it is never triggered. Activate it with: easytask task activate {d.Name}");
        }

        if (task.Stored.OnHold)
        {
            lines.Add($"{d.Name} is on hold: it does not fire until released with: easytask task release {d.Name}");
        }

        if (!task.Schedule.HasTimes)
        {
            lines.Add(d.DependsOn is { Count: > 0 } deps
                ? $"{d.Name} has no trigger times: it runs once each time its dependencies are met ({string.Join(", ", deps.Select(x => $"{x.Task} on {x.On}"))})."
                : $"{d.Name} has no trigger_times or cron: it runs only when started on demand.");
        }
    }

    /// <summary>What the task's next dependent run waits for, upstream by upstream, as the engine would judge it now.</summary>
    private async Task ExplainDependenciesAsync(ScheduledTask task, List<string> lines, CancellationToken cancellationToken)
    {
        if (task.Definition.DependsOn is not { Count: > 0 } deps)
        {
            return;
        }

        var latest = await runs.LatestAsync(task.Name, cancellationToken);
        var verdict = await dependencies.EvaluateAsync(task, latest?.CreatedAt ?? task.Stored.CreatedAt, cancellationToken);
        var upstream = string.Join(", ", deps.Select(x => $"{x.Task} ({x.On})"));
        lines.Add(verdict.Outcome switch
        {
            DependencyOutcome.Waiting => $"Depends on {upstream}; {(latest is null ? "its first run" : "its next run")} is {verdict.Explanation}.",
            DependencyOutcome.Failed => $"Depends on {upstream}; they cannot be met for its next run: {verdict.Explanation}.",
            _ => $"Depends on {upstream}: {verdict.Explanation}.",
        });
    }

    private async Task ExplainNextAsync(ScheduledTask task, List<string> lines, CancellationToken cancellationToken)
    {
        if (!task.Fires(options.Value.Instance))
        {
            return;
        }

        var next = task.Schedule.NextAfter(time.GetUtcNow());
        if (next is null)
        {
            lines.Add($"{task.Name} has no occurrence in the next five years: its days are all excluded.");
            return;
        }

        var armed = await clock.ArmedForAsync(task.Tid, cancellationToken);
        lines.Add($"Next occurrence: {Local(next.Local)} ({Utc(next.Utc)}){(armed == next.Utc ? ", armed on the clock" : "")}.");
    }

    private static string Local(DateTimeOffset local) => local.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
