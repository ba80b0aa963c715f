using System.Globalization;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Api;

/// <summary><c>GET /api/v1/tasks/{name}/explain[?at=ISO-8601]</c>: why a task will or will not run, in words.</summary>
internal static class ExplainEndpoints
{
    public static IEndpointRouteBuilder MapExplainApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/tasks/{name}/explain", async (string name, string? at, TaskExplainer explainer, CancellationToken ct) =>
        {
            DateTimeOffset? instant = null;
            if (!string.IsNullOrWhiteSpace(at))
            {
                if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    return ApiProblems.Invalid("at", $"\"{at}\" is not an ISO-8601 time, e.g. 2026-11-26T07:00:00-05:00 or 2026-11-26T12:00:00Z");
                }

                instant = parsed;
            }

            var explanation = await explainer.ExplainAsync(name, instant, ct);
            return explanation is null ? ApiProblems.NotFound($"no task named \"{name}\"") : Results.Ok(explanation);
        });
        return endpoints;
    }
}
