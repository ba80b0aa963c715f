using EasyTask.Scheduler.Agents;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// Adds to a task what an operator checks first: its last run, its next occurrence, and warnings about what
/// would stop it from running (see <see cref="TaskWarnings"/>).
/// </summary>
internal sealed class TaskStanding(IRunStore runs, TaskRegistry registry, TaskWarnings warnings, IOptions<SchedulerOptions> options, TimeProvider time)
{
    public static TaskStanding For(HttpContext http) => ActivatorUtilities.CreateInstance<TaskStanding>(http.RequestServices);

    public async Task<IReadOnlyList<TaskResource>> DescribeAsync(IReadOnlyList<StoredTask> tasks, CancellationToken ct)
    {
        var latest = await runs.LatestPerTaskAsync(ct);
        var agents = await warnings.SnapshotAsync(ct);
        return tasks.Select(t => Describe(t, latest.GetValueOrDefault(t.Definition.Tid), agents)).ToList();
    }

    public async Task<TaskResource> DescribeAsync(StoredTask task, CancellationToken ct) =>
        Describe(task, await runs.LatestAsync(task.Definition.Name, ct), await warnings.SnapshotAsync(ct));

    private TaskResource Describe(StoredTask task, RunRecord? last, TaskWarnings.Snapshot agents) => TaskResource.From(task) with
    {
        LastRun = last is null ? null : TaskLastRun.Of(last),
        NextRun = NextRun(task),
        Warnings = agents.For(task.Definition) is { Count: > 0 } found ? found : null,
    };

    private DateTimeOffset? NextRun(StoredTask task) =>
        registry.Find(task.Definition.Tid) is { } scheduled && scheduled.Fires(options.Value.Instance)
            ? scheduled.Schedule.NextAfter(time.GetUtcNow())?.Utc
            : null;
}
