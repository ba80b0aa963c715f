using System.Collections.Concurrent;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Moves runs out of ACTIVE: to TRIGGER (and on to the dispatcher) once dependencies and the concurrency
/// policy allow, or to FAILED with <c>dependency_failed</c> when an upstream can no longer satisfy them.
/// Runs that must wait stay ACTIVE, with the reason kept for <c>explain</c>. A pass decides for every run
/// first and then writes all the moves in one transaction, so a burst of runs costs one commit.
/// </summary>
internal sealed partial class RunAdvancer(
    IRunStore runs,
    TaskRegistry registry,
    DependencyEvaluator dependencies,
    IRunDispatcher dispatcher,
    RetryTimers retries,
    CircuitBreakers breakers,
    TimeProvider time,
    ILogger<RunAdvancer> log) : IDisposable
{
    public const string Actor = "scheduler";

    // One advancer pass at a time: the creator, the periodic re-check and finished runs all call in.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, string> waiting = new(StringComparer.Ordinal);

    /// <summary>Why a run is still in ACTIVE, when it is waiting.</summary>
    public string? WaitingReason(string runId) => waiting.TryGetValue(runId, out var reason) ? reason : null;

    /// <summary>Remembers why a run past ACTIVE is not moving (e.g. no live agent), for explain and run show.</summary>
    public void NoteWaiting(string runId, string reason) => waiting[runId] = reason;

    /// <summary>The run moved on: nothing to explain about waiting any more.</summary>
    public void ForgetWaiting(string runId) => waiting.TryRemove(runId, out _);

    public async Task AdvanceAsync(IReadOnlyCollection<RunRecord> active, CancellationToken cancellationToken)
    {
        if (active.Count == 0)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var moves = new List<(RunChange Change, TaskDefinition? Definition)>();
            foreach (var run in active)
            {
                if (await DecideAsync(run, cancellationToken) is { } move)
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

    /// <summary>Re-checks every run waiting in ACTIVE (periodically, and whenever a run finishes).</summary>
    public async Task RecheckAsync(CancellationToken cancellationToken)
    {
        var active = await runs.ListAsync(new RunQuery(Statuses: [RunStatus.Active], Limit: 10_000), cancellationToken);
        await AdvanceAsync(active.OrderBy(r => r.ScheduledFor).ToList(), cancellationToken);
    }

    /// <summary>The move a run should make now, or null when it must keep waiting (the reason is remembered).</summary>
    private async Task<(RunChange, TaskDefinition?)?> DecideAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (registry.Find(run.Tid) is not { } task)
        {
            return (Fail(run, RunReason.DispatchFailed, "the task was deleted before its run could start"), null);
        }

        if (run.Attempt > 1)
        {
            // A retry already passed its checks as attempt 1; it only waits out its backoff.
            if (retries.Pending(run.RunId) is { } at)
            {
                waiting[run.RunId] = $"attempt {run.Attempt} waits for its retry backoff until {at.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
                return null;
            }

            if (breakers.Blocked(run.Host, run.RunId) is { } open)
            {
                waiting[run.RunId] = open;
                return null;
            }

            retries.Clear(run.RunId);
            return (new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, Actor, Detail: $"retry: attempt {run.Attempt}"), task.Definition);
        }

        if (task.Definition.Concurrency == ConcurrencyPolicy.Queue && await QueuedBehindAsync(run, cancellationToken) is { } ahead)
        {
            waiting[run.RunId] = $"queued behind run {ahead.RunId}, still {ahead.Status.ToText()} (concurrency queue)";
            return null;
        }

        var verdict = task.Definition.DependsOn is { Count: > 0 }
            ? await dependencies.EvaluateAsync(task, await dependencies.SinceAsync(task, run.ScheduledFor, cancellationToken), cancellationToken)
            : DependencyVerdict.Met("no dependencies; retries, timeout and host checked");
        switch (verdict.Outcome)
        {
            case DependencyOutcome.Waiting:
                waiting[run.RunId] = verdict.Explanation;
                return null;
            case DependencyOutcome.Failed:
                return (Fail(run, RunReason.DependencyFailed, verdict.Explanation), null);
            default:
                if (breakers.Blocked(run.Host, run.RunId) is { } blocked)
                {
                    waiting[run.RunId] = blocked;
                    return null;
                }

                return (new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, Actor, Detail: verdict.Explanation), task.Definition);
        }
    }

    private async Task ApplyAsync(List<(RunChange Change, TaskDefinition? Definition)> moves, CancellationToken cancellationToken)
    {
        var applied = await runs.TransitionManyAsync(moves.Select(m => m.Change).ToList(), cancellationToken);
        for (var i = 0; i < moves.Count; i++)
        {
            var (change, definition) = moves[i];
            waiting.TryRemove(change.RunId, out _);
            if (applied[i] is not { } run)
            {
                continue;
            }

            // Entering TRIGGER, a run may still wait (for its agent); any other move ends the waiting.
            if (change.To == RunStatus.Trigger)
            {
                RunLog.Validated(log, run.RunId, run.TaskName, run.Host, change.Detail ?? "");
                await dispatcher.DispatchAsync(run, definition!, cancellationToken);
            }
            else
            {
                RunLog.EndedBeforeStart(log, run.RunId, run.TaskName, run.Host, change.To.ToText(), change.Reason ?? "", change.Detail ?? "");
            }
        }
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

    private RunChange Fail(RunRecord run, string reason, string detail) =>
        new(run.RunId, run.Version, RunStatus.Active, RunStatus.Failed, Actor, Detail: detail, Reason: reason, FinishedAt: time.GetUtcNow());

    public void Dispose() => gate.Dispose();
}
