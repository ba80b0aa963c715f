using EasyTask.Scheduler.Cli;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>GET /api/v1/task-overview</c>: every task with what the Tasks &amp; Groups page and the dependency graph
/// show — group, schedule in words, next run, hold/active state, dependencies, latest run — in one answer.
/// </summary>
internal static class TaskOverviewEndpoints
{
    public static IEndpointRouteBuilder MapTaskOverview(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/task-overview", async (TaskRegistry registry, RunListing pages, TimeProvider time, CancellationToken ct) =>
        {
            var latest = await pages.LatestPerTaskAsync(ct);
            var now = time.GetUtcNow();
            var tasks = registry.All.OrderBy(t => t.Definition.Group ?? "").ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => new TaskOverviewResource(
                t.Tid,
                t.Name,
                t.Definition.Group,
                t.Definition.RunOnHost,
                t.Definition.TaskOwner,
                t.Definition.Description,
                TaskListCommand.Describe(t.Definition),
                t.Definition.Active && !t.Stored.OnHold && t.Schedule.HasTimes ? t.Schedule.NextAfter(now)?.Utc : null,
                t.Definition.Active,
                t.Stored.OnHold,
                t.Definition.DependsOn?.Select(d => new DependencyResource(d.Task, d.On)).ToList() ?? [],
                latest.TryGetValue(t.Tid, out var run) ? RunResource.From(run) : null)).ToList();
            return Results.Ok(tasks);
        });
        return endpoints;
    }
}

/// <summary>A task as the Tasks &amp; Groups page shows it.</summary>
internal sealed record TaskOverviewResource(
    long Tid,
    string Name,
    string? Group,
    string Host,
    string? Owner,
    string? Description,
    string Schedule,
    DateTimeOffset? NextRun,
    bool Active,
    bool OnHold,
    IReadOnlyList<DependencyResource> DependsOn,
    RunResource? LastRun);

/// <summary>One upstream of a task and the state it must end in.</summary>
internal sealed record DependencyResource(string Task, string On);
