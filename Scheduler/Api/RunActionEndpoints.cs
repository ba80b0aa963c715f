using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>Operator actions: <c>POST /api/v1/tasks/{name}/run</c>, <c>POST /api/v1/runs/{id}/kill</c>, <c>GET /api/v1/runs/{id}/logs</c>.</summary>
internal static class RunActionEndpoints
{
    public static IEndpointRouteBuilder MapRunActions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/tasks/{name}/run", async (string name, bool? force, HttpRequest request, OperatorActions actions, ITaskStore tasks, Scheduling.TaskRegistry registry, CancellationToken ct) =>
        {
            if (await tasks.FindAsync(name, ct) is { } task
                && Security.AccessScope.Check(request.HttpContext, task.Definition.TaskOwner, task.Definition.RunOnHost) is { } refused)
            {
                return refused;
            }

            // Hold is an operator's "not now": starting it anyway must be said out loud.
            if (registry.Find(name) is { Stored.OnHold: true } && force != true)
            {
                return ApiProblems.Conflict($"task \"{name}\" is on hold; release it (easytask task release {name}) or start it anyway with --force (?force=true)");
            }

            var run = await actions.ForceStartAsync(name, ChangeSource.Of(request), ct);
            return run is null
                ? ApiProblems.NotFound($"no task named \"{name}\"")
                : Results.Created($"/api/v1/runs/{run.RunId}", RunResource.From(run));
        });
        endpoints.MapPost("/api/v1/runs/{runId}/kill", async (string runId, HttpRequest request, OperatorActions actions, CancellationToken ct) =>
        {
            var run = await actions.KillAsync(runId, ChangeSource.Of(request), ct);
            return run is null ? ApiProblems.NotFound($"no run with id {runId}") : Results.Accepted($"/api/v1/runs/{runId}", RunResource.From(run));
        });
        endpoints.MapGet("/api/v1/runs/{runId}/logs", async (string runId, string? stream, int? attempt, IRunStore runs, IOutputStore output, CancellationToken ct) =>
        {
            var which = stream ?? "stdout";
            if (which is not ("stdout" or "stderr"))
            {
                return ApiProblems.Invalid("stream", $"must be stdout or stderr, got \"{which}\"");
            }

            var run = await runs.FindAsync(runId, ct);
            if (run is null)
            {
                return ApiProblems.NotFound($"no run with id {runId}");
            }

            if (attempt is { } asked && (asked < 1 || asked > run.Attempt))
            {
                return ApiProblems.NotFound($"run {runId} has no attempt {asked}: it has {(run.Attempt == 1 ? "1 attempt" : $"attempts 1 to {run.Attempt}")}");
            }

            return Results.Text(await output.ReadAsync(runId, attempt ?? run.Attempt, which, ct), "text/plain; charset=utf-8");
        });
        return endpoints;
    }
}
