using System.Collections.Concurrent;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Moves runs out of ACTIVE: to TRIGGER (and on to the dispatcher) once dependencies and the concurrency
/// policy allow, or to FAILED with <c>dependency_failed</c> when an upstream can no longer satisfy them.
/// Runs that must wait stay ACTIVE, with the reason kept for <c>explain</c>.
/// </summary>
internal sealed partial class RunAdvancer(
    IRunStore runs,
    TaskRegistry registry,
    DependencyEvaluator dependencies,
    IRunDispatcher dispatcher,
    TimeProvider time,
    ILogger<RunAdvancer> log) : IDisposable
{
    public const string Actor = "scheduler";

    // One advancer pass at a time: the creator, the periodic re-check and finished runs all call in.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, string> waiting = new(StringComparer.Ordinal);

    /// <summary>Why a run is still in ACTIVE, when it is waiting.</summary>
    public string? WaitingReason(string runId) => waiting.TryGetValue(runId, out var reason) ? reason : null;

    public async Task AdvanceAsync(IReadOnlyCollection<RunRecord> active, CancellationToken cancellationToken)
    {
        if (active.Count == 0)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var run in active)
            {
                await AdvanceOneAsync(run, cancellationToken);
            }
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

    private async Task AdvanceOneAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (registry.Find(run.Tid) is not { } task)
        {
            await EndBeforeStartAsync(run, RunReason.DispatchFailed, "the task was deleted before its run could start", cancellationToken);
            return;
        }

        if (task.Definition.Concurrency == ConcurrencyPolicy.Queue && await QueuedBehindAsync(run, cancellationToken) is { } ahead)
        {
            waiting[run.RunId] = $"queued behind run {ahead.RunId}, still {ahead.Status.ToText()} (concurrency queue)";
            return;
        }

        var since = await dependencies.SinceAsync(task, run.ScheduledFor, cancellationToken);
        var verdict = await dependencies.EvaluateAsync(task, since, cancellationToken);
        switch (verdict.Outcome)
        {
            case DependencyOutcome.Waiting:
                waiting[run.RunId] = verdict.Explanation;
                return;
            case DependencyOutcome.Failed:
                await EndBeforeStartAsync(run, RunReason.DependencyFailed, verdict.Explanation, cancellationToken);
                return;
            default:
                await TriggerAsync(run, task.Definition, verdict.Explanation, cancellationToken);
                return;
        }
    }

    private async Task<RunRecord?> QueuedBehindAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var oldest = await runs.UnfinishedAsync([run.Tid], cancellationToken);
        return oldest.TryGetValue(run.Tid, out var first) && first.RunId != run.RunId ? first : null;
    }

    private async Task TriggerAsync(RunRecord run, TaskDefinition definition, string why, CancellationToken cancellationToken)
    {
        var triggered = await runs.TransitionAsync(new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Trigger, Actor, Detail: why), cancellationToken);
        waiting.TryRemove(run.RunId, out _);
        if (triggered is null)
        {
            return;
        }

        RunLog.Validated(log, run.RunId, run.TaskName, run.Host, why);
        await dispatcher.DispatchAsync(triggered, definition, cancellationToken);
    }

    private async Task EndBeforeStartAsync(RunRecord run, string reason, string detail, CancellationToken cancellationToken)
    {
        var change = new RunChange(run.RunId, run.Version, RunStatus.Active, RunStatus.Failed, Actor, Detail: detail, Reason: reason, FinishedAt: time.GetUtcNow());
        waiting.TryRemove(run.RunId, out _);
        if (await runs.TransitionAsync(change, cancellationToken) is not null)
        {
            RunLog.EndedBeforeStart(log, run.RunId, run.TaskName, run.Host, RunStatus.Failed.ToText(), reason, detail);
        }
    }

    public void Dispose() => gate.Dispose();
}
