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
    RunLifecycle lifecycle,
    IOptions<SchedulerOptions> options,
    ILogger<MissedRunRecovery> log,
    IHostApplicationLifetime? lifetime = null)
{
    public const string Actor = "scheduler (missed-run recovery)";

    // Walking a seconds-cron across a long outage must stay bounded.
    private const int MaxOccurrencesScanned = 100_000;

    /// <param name="takeover">On a takeover, every occurrence due within this window runs (late), whatever misfire_grace says: it fell into the gap between two leaders, not an outage.</param>
    public async Task RecoverAsync(IReadOnlyCollection<ScheduledTask> tasks, DateTimeOffset now, CancellationToken cancellationToken, TimeSpan? takeover = null)
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

            newRuns.AddRange(Plan(task, since, now, takeover));
        }

        if (newRuns.Count == 0)
        {
            return;
        }

        // Misses are recorded at once. The engine starts before the bus and the in-process agent, so a late run sent
        // now would sit unheard until the re-send: late runs are created (and sent) once every service has started.
        var missed = newRuns.Where(r => r.Status != RunStatus.Active).ToList();
        var late = newRuns.Where(r => r.Status == RunStatus.Active).ToList();
        var created = missed.Count == 0 ? [] : await lifecycle.CreateAsync(missed, Actor, cancellationToken);
        LogRecovered(log, created.Count(c => c.Created), late.Count);
        if (late.Count == 0)
        {
            return;
        }

        if (lifetime is null)
        {
            await lifecycle.CreateAsync(late, Actor, cancellationToken);
            return;
        }

        lifetime.ApplicationStarted.Register(() => _ = CreateLateAsync(late));
    }

    private async Task CreateLateAsync(IReadOnlyList<NewRun> late)
    {
        // A database blink must not lose the gap's occurrences: nothing else creates them. A lost lease ends the
        // tries at once, as the scheduler that took over recovers the same gap itself (the run key keeps them single).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await lifecycle.CreateAsync(late, Actor, lifetime!.ApplicationStopping);
                return;
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
            {
                LogLateDeferred(log, ex.Message);
                if (ex is LeaseLostException || attempt >= LateAttempts)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), lifetime!.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private const int LateAttempts = 5;

    private IEnumerable<NewRun> Plan(ScheduledTask task, DateTimeOffset since, DateTimeOffset now, TimeSpan? takeover)
    {
        var missed = task.Schedule.Between(since, now).Take(MaxOccurrencesScanned).ToList();
        if (missed.Count == 0)
        {
            yield break;
        }

        var lateAlready = false;
        if (takeover is { } window)
        {
            var gap = missed.Where(o => now - o.Utc <= window).ToList();
            foreach (var occurrence in gap)
            {
                yield return new NewRun(task.Definition.Tid, task.Definition.Name, occurrence.Utc, task.Definition.RunOnHost,
                    Detail: $"late run: due {Local(occurrence)} while no scheduler led (taken over by a standby)");
            }

            lateAlready = gap.Count > 0;
            missed = missed.Take(missed.Count - gap.Count).ToList();
            if (missed.Count == 0)
            {
                yield break;
            }
        }

        var d = task.Definition;
        var latest = missed[^1];
        var grace = TimeSpan.FromSeconds(d.MisfireGrace);
        var runLate = !lateAlready && now - latest.Utc <= grace;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Missed-run recovery: late runs could not be created: {Problem}")]
    private static partial void LogLateDeferred(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Missed-run recovery: {Missed} occurrences recorded as FAILED (missed), {Late} late runs started")]
    private static partial void LogRecovered(ILogger logger, int missed, int late);
}
