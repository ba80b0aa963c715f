using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Api;

/// <summary><c>GET /api/v1/tasks/{name}/explain[?at=ISO-8601]</c>: why a task will or will not run, in words.</summary>
internal static class ExplainEndpoints
{
    public static IEndpointRouteBuilder MapExplainApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/tasks/{name}/explain", async (string name, string? at, TaskExplainer explainer, TaskRegistry registry, CancellationToken ct) =>
        {
            DateTimeOffset? instant = null;
            if (!string.IsNullOrWhiteSpace(at))
            {
                // Read exactly as forecast --from is: a time without an offset is on the task's own clock.
                if (!ForecastStart.TryParse(at, out var start, out var problem))
                {
                    return ApiProblems.Invalid("at", problem);
                }

                if (registry.Find(name) is not { } task)
                {
                    return ApiProblems.NotFound($"no task named \"{name}\"");
                }

                instant = start.Resolve(task.Schedule);
            }

            var explanation = await explainer.ExplainAsync(name, instant, ct);
            return explanation is null ? ApiProblems.NotFound($"no task named \"{name}\"") : Results.Ok(explanation);
        });
        return endpoints;
    }
}
