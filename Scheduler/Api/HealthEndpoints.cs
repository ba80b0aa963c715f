using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>/health</c>: the process answers (liveness, for restarts). <c>/health/ready</c>: its database answers
/// too (readiness, for load balancers and <c>systemctl</c> checks); 503 with the reason when it does not.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        endpoints.MapGet("/health/ready", async (IDatabaseHealth database, CancellationToken ct) =>
        {
            var result = await database.CheckAsync(ct);
            var body = new { status = result.IsHealthy ? "ready" : "not ready", database = result.Description };
            return result.IsHealthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
