using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Keeps runs moving after dispatch. A run in TRIGGER that no agent acknowledged is sent again
/// (at-least-once; agents de-duplicate), or, while its agent is not alive, waits visibly with the reason.
/// A run STARTED or RUNNING on an agent silent past the timeout ends FAILED with reason agent_lost and
/// follows the retry policy: nothing stays RUNNING forever.
/// </summary>
internal sealed class RunWatch(
    IRunStore runs,
    TaskRegistry registry,
    AgentRegistry agents,
    DispatchLedger ledger,
    RunOutputSink output,
    IRunDispatcher dispatcher,
    RunAdvancer advancer,
    RunEnding ending,
    IRunCanceller canceller,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<RunWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Checking dispatched runs failed; trying again in {Interval}", options.Value.WatchInterval);
            }
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var inFlight = await runs.ListAsync(new RunQuery(Statuses: [RunStatus.Trigger, RunStatus.Started, RunStatus.Running], Limit: 10_000), cancellationToken);
        var ids = inFlight.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        ledger.Retain(ids);
        output.Retain(ids);
        foreach (var run in inFlight)
        {
            if (run.Status == RunStatus.Trigger)
            {
                await ResendAsync(run, cancellationToken);
            }
            else if (agents.IsLost(run.Host))
            {
                // The agent may only be slow: the cancel waits in its queue ahead of any retry, so the old attempt
                // stops there instead of running beside the next one.
                await canceller.CancelAsync(run, "scheduler (agent lost)", cancellationToken);
                var result = new AttemptResult(RunStatus.Failed, RunReason.AgentLost, null, run.StartedAt, time.GetUtcNow(), $"{agents.Describe(run.Host)}; the run's outcome is unknown");
                await ending.EndAttemptAsync(run, result, "scheduler (agent watch)", cancellationToken);
            }
        }
    }

    private async Task ResendAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (!agents.IsAlive(run.Host))
        {
            advancer.NoteWaiting(run.RunId, $"waiting for an agent: {agents.Describe(run.Host)}");
            return;
        }

        var last = ledger.LastSent(run.RunId, run.Attempt);
        if ((last is null || time.GetUtcNow() - last >= options.Value.AcknowledgeTimeout) && registry.Find(run.Tid) is { } task)
        {
            await dispatcher.DispatchAsync(run, task.Definition, cancellationToken);
        }
    }
}
