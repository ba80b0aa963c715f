using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>The <c>/api/v1/tasks</c> endpoints: definitions in and out.</summary>
internal static partial class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskApi(this IEndpointRouteBuilder endpoints)
    {
        var tasks = endpoints.MapGroup("/api/v1/tasks");
        tasks.MapGet("/", ListAsync);
        tasks.MapGet("/{name}", GetAsync);
        tasks.MapPost("/", InsertAsync);
        tasks.MapPut("/{name}", UpdateAsync);
        tasks.MapDelete("/{name}", DeleteAsync);
        tasks.MapPost("/{name}/activate", (string name, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(http, changes, () => store.SetActiveAsync(name, true, ChangeSource.Of(http.Request), ct), ct));
        tasks.MapPost("/{name}/deactivate", (string name, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(http, changes, () => store.SetActiveAsync(name, false, ChangeSource.Of(http.Request), ct), ct));
        tasks.MapPost("/{name}/hold", (string name, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(http, changes, () => store.SetHoldAsync(name, true, ChangeSource.Of(http.Request), ct), ct));
        tasks.MapPost("/{name}/release", (string name, HttpContext http, ITaskStore store, ITaskChangeListener changes, CancellationToken ct) =>
            ChangeAsync(http, changes, () => store.SetHoldAsync(name, false, ChangeSource.Of(http.Request), ct), ct));
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ITaskStore store, CancellationToken ct)
    {
        var tasks = await store.ListAsync(ct);
        return Results.Ok(await TaskStanding.For(http).DescribeAsync(tasks, ct));
    }

    private static async Task<IResult> GetAsync(string name, HttpContext http, ITaskStore store, CancellationToken ct)
    {
        var task = await store.FindAsync(name, ct);
        if (task is null)
        {
            return ApiProblems.NotFound($"no task named \"{name}\"");
        }

        http.Response.Headers.ETag = ETagOf(task.Version);
        return Results.Ok(await TaskStanding.For(http).DescribeAsync(task, ct));
    }

    private static async Task<IResult> InsertAsync(HttpRequest request, DefinitionChanges changes, Agents.TaskWarnings warnings, ILogger<TaskResource> log, CancellationToken ct)
    {
        var outcome = await changes.CheckTaskAsync(await ReadBodyAsync(request, ct), ct);
        if (!outcome.IsValid)
        {
            return ApiProblems.Invalid(outcome.Errors);
        }

        if (Security.AccessScope.Check(request.HttpContext, outcome.Value!.TaskOwner, outcome.Value.RunOnHost) is { } refused)
        {
            return refused;
        }

        try
        {
            var stored = await changes.InsertTaskAsync(outcome.Value!, new ChangeActor(ChangeSource.Of(request)), ct);
            LogInserted(log, stored.Definition.Tid, stored.Definition.Name, stored.Source);
            request.HttpContext.Response.Headers.ETag = ETagOf(stored.Version);
            return Results.Created(
                $"/api/v1/tasks/{Uri.EscapeDataString(stored.Definition.Name)}",
                TaskResource.From(stored) with { Warnings = await warnings.ForAsync(stored.Definition, ct) });
        }
        catch (DuplicateTaskException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    private static async Task<IResult> DeleteAsync(string name, bool? force, ITaskStore store, Scheduling.TaskRegistry registry, ITaskChangeListener changes, ILogger<TaskResource> log, HttpRequest request, CancellationToken ct)
    {
        if (await store.FindAsync(name, ct) is { } existing
            && Security.AccessScope.Check(request.HttpContext, existing.Definition.TaskOwner, existing.Definition.RunOnHost) is { } refused)
        {
            return refused;
        }

        // A deleted upstream would leave its dependents waiting forever: refuse, naming them, unless forced.
        var dependents = registry.DependentsOf(name).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        if (dependents.Count > 0 && force != true)
        {
            return ApiProblems.Conflict(
                $"task \"{name}\" is in depends_on of {string.Join(", ", dependents)}; change or delete {(dependents.Count == 1 ? "that task" : "those tasks")} first, " +
                "or delete anyway with --force (?force=true): their runs then wait until a task of that name exists again");
        }

        if (!await store.DeleteAsync(name, ct))
        {
            return ApiProblems.NotFound($"no task named \"{name}\"");
        }

        LogDeleted(log, name, ChangeSource.Of(request));
        await changes.TaskDeletedAsync(name, ct);
        return Results.NoContent();
    }

    /// <summary>Applies a flag change (activate, deactivate, hold, release) and tells the engine.</summary>
    private static async Task<IResult> ChangeAsync(HttpContext http, ITaskChangeListener changes, Func<Task<StoredTask>> change, CancellationToken ct)
    {
        try
        {
            var stored = await change();
            await changes.TaskSavedAsync(stored, ct);
            http.Response.Headers.ETag = ETagOf(stored.Version);
            return Results.Ok(TaskResource.From(stored));
        }
        catch (TaskNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static string ETagOf(long version) => $"\"{version}\"";

    [LoggerMessage(Level = LogLevel.Information, Message = "Task inserted: tid {Tid} name {TaskName} by {Source}")]
    private static partial void LogInserted(ILogger logger, long tid, string taskName, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task deleted: {TaskName} by {Source}")]
    private static partial void LogDeleted(ILogger logger, string taskName, string source);
}
