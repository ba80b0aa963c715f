using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>/health</c>: the process answers (liveness, for restarts). <c>/health/ready</c>: its database answers
/// and its message bus answer too (readiness, for load balancers and monitoring); 503 with the reason when not.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        endpoints.MapGet("/health/ready", async (IDatabaseHealth database, IBusLink bus, BusSettings busSettings, CancellationToken ct) =>
        {
            var result = await database.CheckAsync(ct);
            var busUp = bus.UpSince is not null;
            var body = new
            {
                status = result.IsHealthy && busUp ? "ready" : "not ready",
                database = result.Description,
                bus = $"{busSettings.Describe()} {(busUp ? "connected" : "not connected")}",
            };
            return result.IsHealthy && busUp ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return endpoints;
    }
}
