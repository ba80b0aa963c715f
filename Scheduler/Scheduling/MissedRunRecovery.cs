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
internal sealed partial class MissedRunRecovery(
    IRunStore runs,
    RunAdvancer advancer,
    IOptions<SchedulerOptions> options,
    ILogger<MissedRunRecovery> log,
    IHostApplicationLifetime? lifetime = null)
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

        var created = await runs.CreateAsync(newRuns, Actor, cancellationToken);
        var late = created.Where(c => c.Created && c.Run.Status == RunStatus.Active).Select(c => c.Run).ToList();
        LogRecovered(log, created.Count(c => c.Created) - late.Count, late.Count);
        foreach (var run in late)
        {
            RunLog.Triggered(log, run.RunId, run.TaskName, run.Host, run.ScheduledFor, "late run (missed-run recovery, within misfire_grace)");
        }

        if (lifetime is null)
        {
            await advancer.AdvanceAsync(late, cancellationToken);
            return;
        }

        // The engine starts before the bus and the in-process agent; a late run sent now would sit unheard until
        // the re-send. Hand the late runs on once every service (bus, local agent) has started.
        lifetime.ApplicationStarted.Register(() => _ = AdvanceLateAsync(late));
    }

    private async Task AdvanceLateAsync(IReadOnlyList<RunRecord> late)
    {
        try
        {
            await advancer.AdvanceAsync(late, lifetime!.ApplicationStopping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogLateDeferred(log, ex.Message);
        }
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
                Detail: MissedDetail(occurrence, latest, runLate, now, d.MisfireGrace));
        }

        if (runLate)
        {
            yield return new NewRun(d.Tid, d.Name, latest.Utc, d.RunOnHost,
                Detail: $"late run: due {Local(latest)} while the scheduler was down, within misfire_grace {d.MisfireGrace} s");
        }
    }

    /// <summary>Says which rule recorded the miss: a later occurrence got the one late run, or it was past misfire_grace.</summary>
    private static string MissedDetail(Occurrence occurrence, Occurrence latest, bool latestRunsLate, DateTimeOffset now, int grace)
    {
        var due = $"missed while the scheduler was down: due {Local(occurrence)}";
        if (occurrence != latest && latestRunsLate)
        {
            return $"{due}; superseded by the later occurrence due {Local(latest)}, which runs late instead (at most one late run per task)";
        }

        var late = now - occurrence.Utc;
        var also = occurrence != latest ? $"; the latest miss (due {Local(latest)}) was past misfire_grace too" : "";
        return $"{due}; the scheduler came back {Ago(late)} later, past misfire_grace {grace} s{also}";
    }

    private static string Ago(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{(int)span.TotalSeconds} s";

    private static string Local(Occurrence occurrence) => occurrence.Local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Missed-run recovery: late runs are left to the periodic re-check: {Problem}")]
    private static partial void LogLateDeferred(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Missed-run recovery: {Missed} occurrences recorded as FAILED (missed), {Late} late runs started")]
    private static partial void LogRecovered(ILogger logger, int missed, int late);
}
