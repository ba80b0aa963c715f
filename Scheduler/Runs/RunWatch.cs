using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Cluster;
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
    AgentRegistry agents,
    DispatchLedger ledger,
    RunOutputSink output,
    IRunDispatcher dispatcher,
    SlotQueue slots,
    RunLifecycle lifecycle,
    ILeadership leadership,
    IRunCanceller canceller,
    CircuitBreakers breakers,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<RunWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }

            try
            {
                using (leadership.Fence())
                {
                    await CheckAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Checking dispatched runs failed; trying again in {Interval}", options.Value.WatchInterval);
            }
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        // Heartbeats may have reached another scheduler of the cluster: the database has the latest of each agent.
        await agents.RefreshAsync(cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var inFlight = new List<RunRecord>();
        var mark = await slots.MarkAsync(cancellationToken);
        await foreach (var page in runs.OldestFirstAsync([RunStatus.Trigger, RunStatus.Started, RunStatus.Running], cancellationToken))
        {
            inFlight.AddRange(page);
            foreach (var run in page)
            {
                ids.Add(run.RunId);
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
                    await lifecycle.EndAttemptAsync(run, result, "scheduler (agent watch)", cancellationToken);
                }
            }
        }

        ledger.Retain(ids);
        output.Retain(ids);

        // Slots freed by runs whose end this scheduler did not see (another cluster member's, retries, lost agents); the slot
        // queue's copy of the runs in flight is read whole again, so whatever its change feed missed is put right.
        await slots.RefreshAsync(mark, inFlight, cancellationToken);
    }

    private async Task ResendAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (await slots.DefinitionOfAsync(run, cancellationToken) is not { } definition)
        {
            await EndUnsendableAsync(run, cancellationToken);
            return;
        }

        if (!agents.IsAlive(run.Host))
        {
            // Explained on demand (RunLifecycle.WaitingReasonAsync); sent once an agent of that name is heard.
            return;
        }

        if (breakers.Blocked(run.Host, run.RunId) is not null)
        {
            // Explained on demand too; sent again once the breaker lets it probe the host or closes.
            return;
        }

        if (slots.Governs(run.Host) && ledger.LastSent(run.RunId, run.Attempt) is null)
        {
            // Never sent by this scheduler: it waits for a free slot (SlotQueue), in priority order, not by age.
            return;
        }

        var last = ledger.LastSent(run.RunId, run.Attempt) ?? await EnteredTriggerAsync(run, cancellationToken);
        if (last is null || time.GetUtcNow() - last >= options.Value.AcknowledgeTimeout)
        {
            await dispatcher.DispatchAsync(run, definition, cancellationToken);
        }
    }

    /// <summary>
    /// A run in TRIGGER with nothing left to send: its task was deleted while it waited for a slot or an agent (or its adhoc
    /// command is gone). It would otherwise wait forever; it ends FAILED, as a run in ACTIVE does (RunAdvancer). One the
    /// agent may have (sent, not yet acknowledged) gets the acknowledgement timeout first: its result still counts if it comes.
    /// </summary>
    private async Task EndUnsendableAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (ledger.LastSent(run.RunId, run.Attempt) is { } sent && time.GetUtcNow() - sent < options.Value.AcknowledgeTimeout)
        {
            return;
        }

        var what = run.Adhoc ? "its adhoc command is no longer stored" : "the task was deleted before its run could start";
        await lifecycle.EndAttemptAsync(run, new AttemptResult(RunStatus.Failed, RunReason.DispatchFailed, null, null, time.GetUtcNow(), what), "scheduler (run watch)", cancellationToken);
    }

    /// <summary>
    /// When the attempt entered TRIGGER, from its timeline: after a restart or a takeover this scheduler never sent
    /// it, but the database says how long it has waited, so a fresh RunTask is not sent before the timeout is up.
    /// </summary>
    private async Task<DateTimeOffset?> EnteredTriggerAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var entered = (await runs.EventsAsync(run.RunId, cancellationToken)).LastOrDefault(e => e.To == RunStatus.Trigger)?.At;
        if (entered is { } at)
        {
            ledger.Seed(run.RunId, run.Attempt, at);
        }

        return entered;
    }
}
