using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// Monitoring routes: a run's timeline and attempts, retries of final runs, the failed-runs list, alerts, health.
/// Shapes are built for the web console: every list is a JSON array, timestamps ISO 8601, names snake_case.
/// </summary>
internal static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/runs/{runId}/timeline", TimelineAsync).WithTags("Monitoring");
        endpoints.MapGet("/api/v1/runs/{runId}/attempts", AttemptsAsync).WithTags("Monitoring");
        endpoints.MapPost("/api/v1/runs/{runId}/retry", (string runId, HttpRequest request, RunRetries retries, CancellationToken ct) =>
            RetryAsync(runId, request, retries, ct)).WithTags("Monitoring");
        endpoints.MapGet("/api/v1/failed-runs", FailedRunEndpoints.ListAsync).WithTags("Monitoring");
        endpoints.MapPost("/api/v1/failed-runs/{runId}/retry", FailedRunEndpoints.RetryAsync).WithTags("Monitoring");
        endpoints.MapPost("/api/v1/failed-runs/{runId}/dismiss", FailedRunEndpoints.DismissAsync).WithTags("Monitoring");
        endpoints.MapGet("/api/v1/alerts", AlertsAsync).WithTags("Monitoring");
        endpoints.MapGet("/api/v1/monitoring/health", async (HealthReporter health, CancellationToken ct) => Results.Ok(await health.ReportAsync(ct))).WithTags("Monitoring");
        return endpoints;
    }

    private static async Task<IResult> TimelineAsync(string runId, IRunStore runs, IMonitoringStore store, CancellationToken ct) =>
        await runs.FindAsync(runId, ct) is null
            ? ApiProblems.NotFound($"no run with id {runId}")
            : Results.Ok((await store.TimelineAsync(runId, ct)).Select(TimelineEventResource.Of));

    private static async Task<IResult> AttemptsAsync(string runId, IRunStore runs, IMonitoringStore store, CircuitBreakers breakers, CancellationToken ct)
    {
        if (await runs.FindAsync(runId, ct) is null)
        {
            return ApiProblems.NotFound($"no run with id {runId}");
        }

        var open = breakers.Open();
        return Results.Ok((await store.AttemptsAsync(runId, ct)).Select(a => AttemptResource.Of(a, open)));
    }

    internal static async Task<IResult> RetryAsync(string runId, HttpRequest request, RunRetries retries, CancellationToken ct)
    {
        var outcome = await retries.RetryAsync(runId, ChangeSource.Of(request), ct);
        return outcome switch
        {
            { Run: null } => ApiProblems.NotFound(outcome.Refusal!),
            { Conflict: true } => ApiProblems.Conflict(outcome.Refusal!),
            _ => Results.Accepted($"/api/v1/runs/{runId}", RunResource.From(outcome.Run)),
        };
    }

    private static async Task<IResult> AlertsAsync(HttpRequest request, IAlertStore store, TimeProvider time, CancellationToken ct)
    {
        if (QueryFilters.Since(request, time, out var since) is { } problem)
        {
            return problem;
        }

        if (QueryFilters.Limit(request, 200, out var limit) is { } bad)
        {
            return bad;
        }

        return Results.Ok((await store.ListAsync(since, limit, ct)).Select(AlertResource.Of));
    }
}
