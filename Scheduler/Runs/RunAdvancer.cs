using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Part of <see cref="RunLifecycle"/>: moves runs out of ACTIVE, to TRIGGER (and on to the dispatcher) once
/// dependencies and the concurrency policy allow, or to FAILED with <c>dependency_failed</c> when an upstream can
/// no longer satisfy them. Runs that must wait stay ACTIVE; why is worked out again from the database whenever
/// asked, so nothing about waiting lives only in memory. A pass decides for every run first and then writes all
/// the moves in one transaction, so a burst of runs costs one commit.
/// </summary>
internal sealed partial class RunAdvancer(
    IRunStore runs,
    TaskRegistry registry,
    DependencyEvaluator dependencies,
    SlotQueue slots,
    IPendingAgentEvents pending,
    RunObservers observers,
    CircuitBreakers breakers,
    TimeProvider time,
    ILogger<RunAdvancer> log) : IDisposable
{
    public const string Actor = "scheduler";

    // One advancer pass at a time: the creator, the periodic re-check and finished runs all call in.
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task AdvanceAsync(IReadOnlyCollection<RunRecord> active, CancellationToken cancellationToken)
    {
        if (active.Count == 0)
        {
            return;
        }

        await SettleQueuedAheadAsync(active, cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var moves = new List<(RunChange Change, TaskDefinition? Definition)>();
            foreach (var run in active)
            {
                if ((await DecideAsync(run, cancellationToken)).Move is { } move)
                {
                    moves.Add(move);
                }
            }

            await ApplyAsync(moves, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Why a run in ACTIVE does not move yet, worked out from the database now; null when it may move.</summary>
    public async Task<string?> WhyWaitingAsync(RunRecord run, CancellationToken cancellationToken) =>
        (await DecideAsync(run, cancellationToken)).Waiting;

    /// <summary>The move a run should make now, or why it must keep waiting.</summary>
    private async Task<Decision> DecideAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (registry.Find(run.Tid) is not { } task)
        {
            return new((Fail(run, RunReason.DispatchFailed, "the task was deleted before its run could start"), null), null);
        }

        if (run.Attempt > 1)
        {
            // A retry already passed its checks as attempt 1; it only waits out its backoff.
            if (run.NotBefore is { } at && at > time.GetUtcNow())
            {
                return Wait($"attempt {run.Attempt} waits for its retry backoff until {at.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z");
            }

            // While the host's breaker is open a retry waits instead of burning an attempt.
            return breakers.Blocked(run.Host, run.RunId) is { } open
                ? Wait(open)
                : Go(new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, Actor, Detail: $"retry: attempt {run.Attempt}"), task.Definition);
        }

        if (task.Definition.Concurrency == ConcurrencyPolicy.Queue && await QueuedBehindAsync(run, cancellationToken) is { } ahead)
        {
            return Wait($"queued behind run {ahead.RunId}, still {ahead.Status.ToText()} (concurrency queue)");
        }

        var verdict = task.Definition.DependsOn is { Count: > 0 }
            ? await dependencies.EvaluateAsync(task, await dependencies.SinceAsync(task, run.ScheduledFor, cancellationToken), cancellationToken)
            : DependencyVerdict.Met("no dependencies; retries, timeout and host checked");
        return verdict.Outcome switch
        {
            DependencyOutcome.Waiting => Wait(verdict.Explanation),
            DependencyOutcome.Failed => new((Fail(run, RunReason.DependencyFailed, verdict.Explanation), null), null),
            _ when breakers.Blocked(run.Host, run.RunId) is { } blocked => Wait(blocked),
            _ => Go(new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, Actor, Detail: verdict.Explanation), task.Definition),
        };
    }

    private async Task ApplyAsync(List<(RunChange Change, TaskDefinition? Definition)> moves, CancellationToken cancellationToken)
    {
        var applied = await runs.TransitionManyAsync(moves.Select(m => m.Change).ToList(), cancellationToken);
        var offers = new List<(RunRecord Run, TaskDefinition Definition)>();
        for (var i = 0; i < moves.Count; i++)
        {
            var (change, definition) = moves[i];
            if (applied[i] is not { } run)
            {
                continue;
            }

            if (change.To == RunStatus.Trigger)
            {
                RunLog.Validated(log, run.RunId, run.TaskName, run.Host, change.Detail ?? "");
                offers.Add((run, definition!));
            }
            else
            {
                RunLog.EndedBeforeStart(log, run.RunId, run.TaskName, run.Host, change.To.ToText(), change.Reason ?? "", change.Detail ?? "");
                await observers.EndedAsync(run, cancellationToken);
            }
        }

        // Offered together: a burst moved to TRIGGER in one transaction costs the slot queue one pass.
        await slots.OfferAsync(offers, cancellationToken);
    }

    /// <summary>
    /// Before a <c>queue</c> task's run is judged against the run ahead of it, that run's pending agent events are
    /// recorded. Done before taking the gate: the recorder's follow-ups may need the gate themselves.
    /// </summary>
    private async Task SettleQueuedAheadAsync(IReadOnlyCollection<RunRecord> active, CancellationToken cancellationToken)
    {
        var queued = active.Where(r => r.Attempt == 1 && registry.Find(r.Tid)?.Definition.Concurrency == ConcurrencyPolicy.Queue).ToList();
        if (queued.Count == 0)
        {
            return;
        }

        var ahead = await runs.UnfinishedAsync([.. queued.Select(r => r.Tid).Distinct()], cancellationToken);
        var mine = queued.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        await pending.RecordedAsync([.. ahead.Values.Where(r => !mine.Contains(r.RunId)).Select(r => r.RunId)], cancellationToken);
    }

    private async Task<RunRecord?> QueuedBehindAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var oldest = await runs.UnfinishedAsync([run.Tid], cancellationToken);
        return oldest.TryGetValue(run.Tid, out var first) && first.RunId != run.RunId ? first : null;
    }

    /// <summary>An operator's force-start: straight to TRIGGER, past dependencies and concurrency, as AutoSys FORCE_STARTJOB does.</summary>
    public async Task ForceAsync(RunRecord run, TaskDefinition definition, string by, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await ApplyAsync([(new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, Actor, Detail: $"force-started by {by}: dependencies and concurrency not checked"), definition)], cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static Decision Wait(string why) => new(null, why);

    private static Decision Go(RunChange change, TaskDefinition definition) => new((change, definition), null);

    private RunChange Fail(RunRecord run, string reason, string detail) =>
        new(run.RunId, run.Version, RunStatus.Active, RunStatus.Failed, Actor, Detail: detail, Reason: reason, FinishedAt: time.GetUtcNow());

    public void Dispose() => gate.Dispose();

    /// <summary>Either a move to make, or the reason the run waits.</summary>
    private readonly record struct Decision((RunChange Change, TaskDefinition? Definition)? Move, string? Waiting);
}
