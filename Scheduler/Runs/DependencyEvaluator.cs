using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Decides whether a dependent's occurrence may run: every upstream must have a run that finished since
/// the dependent's previous run, in the wanted state (<c>success</c>, <c>failure</c> or <c>done</c>).
/// </summary>
internal sealed class DependencyEvaluator(IRunStore runs, TaskRegistry registry)
{
    /// <param name="task">The dependent task.</param>
    /// <param name="since">Upstream runs must have finished after this instant: the dependent's previous run.</param>
    public async Task<DependencyVerdict> EvaluateAsync(ScheduledTask task, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var dependencies = task.Definition.DependsOn ?? [];
        if (dependencies.Count == 0)
        {
            return DependencyVerdict.Met("no dependencies");
        }

        var waiting = new List<string>();
        foreach (var dependency in dependencies)
        {
            var upstream = await runs.LatestFinishedAsync(dependency.Task, since, cancellationToken);
            if (upstream is null)
            {
                waiting.Add(await DescribeWaitAsync(dependency, since, cancellationToken));
                continue;
            }

            if (!Satisfies(upstream.Status, dependency.On))
            {
                return DependencyVerdict.Failed(
                    $"upstream {dependency.Task} ended {upstream.Status.ToText()} (run {upstream.RunId}) but this task waits for {dependency.On}");
            }
        }

        return waiting.Count == 0
            ? DependencyVerdict.Met("dependencies met: " + string.Join(", ", dependencies.Select(d => $"{d.Task} ({d.On})")))
            : DependencyVerdict.Waiting(string.Join("; ", waiting));
    }

    /// <summary>The instant upstream runs must have finished after, for a run of <paramref name="task"/> scheduled at <paramref name="scheduledFor"/>.</summary>
    public async Task<DateTimeOffset> SinceAsync(ScheduledTask task, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        var previous = await runs.PreviousAsync(task.Tid, scheduledFor, cancellationToken);
        return previous?.CreatedAt ?? task.Stored.CreatedAt;
    }

    public static bool Satisfies(RunStatus status, string condition) => condition switch
    {
        DependencyCondition.Success => status == RunStatus.Success,
        DependencyCondition.Failure => status is RunStatus.Failed or RunStatus.Terminated,
        _ => status.IsFinal(),
    };

    private async Task<string> DescribeWaitAsync(TaskDependency dependency, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (registry.Find(dependency.Task) is null)
        {
            return $"waiting for {dependency.Task} ({dependency.On}): no task of that name exists";
        }

        var latest = await runs.LatestAsync(dependency.Task, cancellationToken);
        var stamp = since.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return latest is null
            ? $"waiting for {dependency.Task} ({dependency.On}): it has never run"
            : $"waiting for {dependency.Task} ({dependency.On}): no run finished since {stamp}; its latest run {latest.RunId} is {latest.Status.ToText()}";
    }
}
