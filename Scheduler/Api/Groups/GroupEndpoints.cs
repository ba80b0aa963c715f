using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Groups;

/// <summary>
/// <c>/api/v1/groups</c>: the groups with their counts, and operations on every task of a group at once — hold,
/// release (operator), activate, deactivate (admin, like the same change on one task) and run (operator: a
/// force-start of each task, each its own run). Permissions come from the routes' verbs (see EndpointPermissions);
/// the audit trail records each operation with the tasks it touched.
/// </summary>
internal static class GroupEndpoints
{
    public static IEndpointRouteBuilder MapGroupApi(this IEndpointRouteBuilder endpoints)
    {
        var groups = endpoints.MapGroup("/api/v1/groups");
        groups.MapGet("/", ListAsync);
        groups.MapGet("/{group}", GetAsync);
        groups.MapPost("/{group}/hold", (string group, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(group, "hold", http, store, changes, (name, source) => store.SetHoldAsync(name, true, source, ct), ct));
        groups.MapPost("/{group}/release", (string group, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(group, "release", http, store, changes, (name, source) => store.SetHoldAsync(name, false, source, ct), ct));
        groups.MapPost("/{group}/activate", (string group, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(group, "activate", http, store, changes, (name, source) => store.SetActiveAsync(name, true, source, ct), ct));
        groups.MapPost("/{group}/deactivate", (string group, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(group, "deactivate", http, store, changes, (name, source) => store.SetActiveAsync(name, false, source, ct), ct));
        groups.MapPost("/{group}/run", RunAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(ITaskStore store, RunListing runs, CancellationToken ct)
    {
        var tasks = await store.ListAsync(ct);
        var latest = await runs.LatestPerTaskAsync(ct);
        var groups = tasks.Where(t => !string.IsNullOrEmpty(t.Definition.Group))
            .GroupBy(t => t.Definition.Group!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => GroupSummary.Of(g.Key, g.ToList(), latest, withNames: false))
            .ToList();
        return Results.Ok(groups);
    }

    private static async Task<IResult> GetAsync(string group, ITaskStore store, RunListing runs, CancellationToken ct)
    {
        var members = await MembersAsync(store, group, ct);
        return members.Count == 0
            ? NoSuchGroup(group)
            : Results.Ok(GroupSummary.Of(group, members, await runs.LatestPerTaskAsync(ct), withNames: true));
    }

    /// <summary>Applies a flag change to every task of the group; nothing is changed when the caller may not touch one of them.</summary>
    private static async Task<IResult> ChangeAsync(string group, string action, HttpContext http, ITaskStore store, ITaskChangeListener changes, Func<string, string, Task<StoredTask>> change, CancellationToken ct)
    {
        var members = await MembersAsync(store, group, ct);
        if (members.Count == 0)
        {
            return NoSuchGroup(group);
        }

        if (RefusedFor(http, members) is { } refused)
        {
            return refused;
        }

        var source = $"group {group} {action}: {ChangeSource.Of(http.Request)}";
        var changed = new List<string>();
        foreach (var task in members)
        {
            try
            {
                var stored = await change(task.Definition.Name, source);
                await changes.TaskSavedAsync(stored, ct);
                changed.Add(stored.Definition.Name);
            }
            catch (TaskNotFoundException)
            {
                // Deleted between the listing and the change: nothing left to hold or activate.
            }
        }

        Audit.AuditMiddleware.AddDetail(http, $"{action} {changed.Count} task(s): {string.Join(", ", changed)}");
        return Results.Ok(new GroupActionResource(group, action, changed.Count, changed));
    }

    private static async Task<IResult> RunAsync(string group, bool? force, HttpContext http, ITaskStore store, OperatorActions actions, CancellationToken ct)
    {
        var members = await MembersAsync(store, group, ct);
        if (members.Count == 0)
        {
            return NoSuchGroup(group);
        }

        if (RefusedFor(http, members) is { } refused)
        {
            return refused;
        }

        // As for one task: starting a held task anyway must be said out loud.
        var held = members.Where(t => t.OnHold).Select(t => t.Definition.Name).ToList();
        if (held.Count > 0 && force != true)
        {
            return ApiProblems.Conflict(
                $"group \"{group}\" has tasks on hold: {string.Join(", ", held)}; release them (easytask group release {group}) or start the whole group anyway with --force (?force=true)");
        }

        var by = ChangeSource.Of(http.Request);
        var started = new List<RunResource>();
        foreach (var task in members)
        {
            if (await actions.ForceStartAsync(task.Definition.Name, $"group {group} run: {by}", ct) is { } run)
            {
                started.Add(RunResource.From(run));
            }
        }

        Audit.AuditMiddleware.AddDetail(http, $"started {started.Count} run(s): {string.Join(", ", started.Select(r => $"{r.Task} {r.RunId}"))}");
        return Results.Ok(new GroupActionResource(group, "run", started.Count, started.Select(r => r.Task).ToList(), started));
    }

    private static async Task<List<StoredTask>> MembersAsync(ITaskStore store, string group, CancellationToken ct) =>
        (await store.ListAsync(ct)).Where(t => string.Equals(t.Definition.Group, group, StringComparison.Ordinal)).ToList();

    private static IResult? RefusedFor(HttpContext http, IEnumerable<StoredTask> members) =>
        members.Select(t => Security.AccessScope.Check(http, t.Definition.TaskOwner, t.Definition.RunOnHost)).FirstOrDefault(r => r is not null);

    private static IResult NoSuchGroup(string group) =>
        ApiProblems.NotFound($"no task is in group \"{group}\" (groups are the \"group\" field of task definitions; easytask group list shows them)");
}
