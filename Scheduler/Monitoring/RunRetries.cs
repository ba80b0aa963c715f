using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// An operator's retry of a final run (from the failed-runs list or any run): a new attempt of the same run,
/// back to ACTIVE and through the normal path (advancer, dispatch), recorded in its timeline.
/// </summary>
internal sealed class RunRetries(IRunStore runs, IMonitoringStore store, RunLifecycle lifecycle, RunMetrics metrics)
{
    public async Task<RetryOutcome> RetryAsync(string runId, string by, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is null)
        {
            return new RetryOutcome(null, $"no run with id {runId}");
        }

        if (!run.Status.IsFinal())
        {
            return new RetryOutcome(run, $"run {runId} is {run.Status.ToText()}, not final; only a SUCCESS, FAILED or TERMINATED run can be retried", Conflict: true);
        }

        // Through the lifecycle's door, like every other move of a run.
        var reopened = await lifecycle.RetryNowAsync(run, by, cancellationToken);
        if (reopened is null)
        {
            return new RetryOutcome(run, $"run {runId} changed while the retry was asked for; look again", Conflict: true);
        }

        await store.AppendAsync(
            new NewTimelineEvent(runId, reopened.Attempt, TimelineTypes.RunRetried, Severities.Info, reopened.Status.ToText(), $"operator {by}", $"manual retry by {by}: attempt {reopened.Attempt}, no backoff"),
            cancellationToken);
        metrics.Retried(run.TaskName, run.Host, "manual");
        await lifecycle.AdvanceAsync([reopened], cancellationToken);
        return new RetryOutcome(await runs.FindAsync(runId, cancellationToken) ?? reopened, null);
    }

    public async Task<bool> DismissAsync(string runId, string by, CancellationToken cancellationToken)
    {
        if (!await store.DismissAsync(runId, by, cancellationToken))
        {
            return false;
        }

        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is not null)
        {
            await store.AppendAsync(
                new NewTimelineEvent(runId, run.Attempt, TimelineTypes.Dismissed, Severities.Info, run.Status.ToText(), $"operator {by}", $"dismissed from the failed-runs list by {by}"),
                cancellationToken);
        }

        return true;
    }
}
