using System.Globalization;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// At start-up, finds the occurrences that passed while the scheduler was down. Per task, at most one
/// late run (the latest miss, when within <c>misfire_grace</c>); every other miss is recorded as a FAILED
/// run with reason <c>missed</c>, so it is visible, never silent.
/// </summary>
internal sealed partial class MissedRunRecovery(IRunStore runs, RunLifecycle lifecycle, IOptions<SchedulerOptions> options, ILogger<MissedRunRecovery> log)
{
    public const string Actor = "scheduler (missed-run recovery)";

    // Walking a seconds-cron across a long outage must stay bounded.
    private const int MaxOccurrencesScanned = 100_000;

    public async Task RecoverAsync(IReadOnlyCollection<ScheduledTask> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastScheduled = await runs.LastScheduledAsync(cancellationToken);
        var newRuns = new List<NewRun>();
        foreach (var task in tasks)
        {
            // Never backfill from before the definition took its current form: an edit or activation starts afresh.
            var since = task.Stored.UpdatedAt;
            if (lastScheduled.TryGetValue(task.Tid, out var last) && last > since)
            {
                since = last;
            }

            newRuns.AddRange(Plan(task, since, now));
        }

        if (newRuns.Count == 0)
        {
            return;
        }

        var created = await lifecycle.CreateAsync(newRuns, Actor, cancellationToken);
        var late = created.Count(c => c.Created && c.Run.Status == RunStatus.Active);
        LogRecovered(log, created.Count(c => c.Created) - late, late);
    }

    private IEnumerable<NewRun> Plan(ScheduledTask task, DateTimeOffset since, DateTimeOffset now)
    {
        var missed = task.Schedule.Between(since, now).Take(MaxOccurrencesScanned).ToList();
        if (missed.Count == 0)
        {
            yield break;
        }

        var d = task.Definition;
        var latest = missed[^1];
        var grace = TimeSpan.FromSeconds(d.MisfireGrace);
        var runLate = now - latest.Utc <= grace;
        var recorded = missed.Take(runLate ? missed.Count - 1 : missed.Count).TakeLast(options.Value.MaxMissedRecordedPerTask);
        foreach (var occurrence in recorded)
        {
            yield return new NewRun(d.Tid, d.Name, occurrence.Utc, d.RunOnHost, Status: RunStatus.Failed, Reason: RunReason.Missed,
                Detail: $"missed while the scheduler was down: due {Local(occurrence)}, more than misfire_grace {d.MisfireGrace} s before the scheduler came back, or superseded by a later occurrence");
        }

        if (runLate)
        {
            yield return new NewRun(d.Tid, d.Name, latest.Utc, d.RunOnHost,
                Detail: $"late run: due {Local(latest)} while the scheduler was down, within misfire_grace {d.MisfireGrace} s");
        }
    }

    private static string Local(Occurrence occurrence) => occurrence.Local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Missed-run recovery: {Missed} occurrences recorded as FAILED (missed), {Late} late runs started")]
    private static partial void LogRecovered(ILogger logger, int missed, int late);
}
