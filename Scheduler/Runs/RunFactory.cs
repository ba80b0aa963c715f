using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The one place runs are created: scheduled occurrences, late and missed runs after an outage, dependency-only
/// starts and operators' force-starts all come through here. Creation is idempotent on (task, scheduled_for);
/// a run born ACTIVE is logged as triggered, one born final (missed, skipped) is reported to the observers.
/// </summary>
internal sealed class RunFactory(IRunStore runs, RunObservers observers, ILogger<RunFactory> log)
{
    public async Task<IReadOnlyList<RunCreation>> CreateAsync(IReadOnlyList<NewRun> newRuns, string actor, CancellationToken cancellationToken)
    {
        var created = await runs.CreateAsync(newRuns, actor, cancellationToken);
        // Keyed to the millisecond: the store keeps scheduled times in epoch milliseconds.
        var details = newRuns.GroupBy(r => (r.Tid, r.ScheduledFor.ToUnixTimeMilliseconds())).ToDictionary(g => g.Key, g => g.First().Detail);
        foreach (var (run, isNew) in created)
        {
            if (!isNew)
            {
                continue;
            }

            if (run.Status == RunStatus.Active)
            {
                // How the run came to be: the clock, a force-start, a late run, dependencies met.
                var detail = details.GetValueOrDefault((run.Tid, run.ScheduledFor.ToUnixTimeMilliseconds()));
                RunLog.Triggered(log, run.RunId, run.TaskName, run.Host, run.ScheduledFor, detail is null ? actor : $"{actor}: {detail}");
            }
            else if (run.Status.IsFinal())
            {
                await observers.EndedAsync(run, cancellationToken);
            }
        }

        return created;
    }
}
