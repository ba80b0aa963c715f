using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Runs;

/// <summary>What a finished run sets in motion: waiting dependents re-checked, and dependency-only tasks started.</summary>
internal sealed class RunFinishedHandler(
    RunAdvancer advancer,
    RunFactory factory,
    DependencyEvaluator dependencies,
    TaskRegistry registry,
    IRunStore runs,
    IOptions<SchedulerOptions> options,
    TimeProvider time)
{
    public async Task OnRunFinishedAsync(RunRecord finished, CancellationToken cancellationToken)
    {
        await StartDependencyOnlyTasksAsync(finished.TaskName, cancellationToken);

        // Only dependents, and runs queued behind this task's own, can move because of this run; anything else
        // waiting is picked up by the periodic re-check. Re-reading every ACTIVE run per finish was a hot-path cost.
        var queued = registry.Find(finished.Tid)?.Definition.Concurrency == ConcurrencyPolicy.Queue;
        if (queued || registry.DependentsOf(finished.TaskName).Any())
        {
            await RecheckAsync(cancellationToken);
        }
    }

    /// <summary>A task with dependencies and no times runs once each time its conditions become true.</summary>
    private async Task StartDependencyOnlyTasksAsync(string upstream, CancellationToken cancellationToken)
    {
        var candidates = registry.DependentsOf(upstream)
            .Where(t => !t.Schedule.HasTimes && t.Definition.Active && !t.Stored.OnHold && t.Definition.Instance == options.Value.Instance);
        foreach (var task in candidates)
        {
            var since = (await runs.LatestAsync(task.Name, cancellationToken))?.CreatedAt ?? task.Stored.CreatedAt;
            var verdict = await dependencies.EvaluateAsync(task, since, cancellationToken);
            if (verdict.Outcome != DependencyOutcome.Met)
            {
                continue;
            }

            var d = task.Definition;
            await factory.CreateAsync([new NewRun(d.Tid, d.Name, time.GetUtcNow(), d.RunOnHost, Detail: verdict.Explanation)], RunAdvancer.Actor, cancellationToken);
        }
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        await foreach (var page in runs.OldestFirstAsync([RunStatus.Active], cancellationToken))
        {
            await advancer.AdvanceAsync(page, cancellationToken);
        }
    }
}
