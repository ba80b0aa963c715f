using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>The failed-runs list (the dead-letter list): list, retry, dismiss.</summary>
internal static class FailedRunEndpoints
{
    public static async Task<IResult> ListAsync(HttpRequest request, IMonitoringStore store, TimeProvider time, CancellationToken ct)
    {
        if (QueryFilters.Since(request, time, out var since) is { } problem)
        {
            return problem;
        }

        if (QueryFilters.Limit(request, 500, out var limit) is { } bad)
        {
            return bad;
        }

        var query = request.Query;
        var includeDismissed = query["include_dismissed"].ToString() is "true" or "1";
        var found = await store.FailedAsync(new FailedRunQuery(NonEmpty(query["task"]), NonEmpty(query["agent"]), since, includeDismissed, limit), ct);
        return Results.Ok(found.Select(FailedRunResource.Of));
    }

    public static async Task<IResult> RetryAsync(string runId, HttpRequest request, IMonitoringStore store, RunRetries retries, CancellationToken ct)
    {
        if (await store.FindFailedAsync(runId, ct) is null)
        {
            return ApiProblems.NotFound($"run {runId} is not on the failed-runs list");
        }

        return await MonitoringEndpoints.RetryAsync(runId, request, retries, ct);
    }

    public static async Task<IResult> DismissAsync(string runId, HttpRequest request, IMonitoringStore store, RunRetries retries, CancellationToken ct)
    {
        if (!await retries.DismissAsync(runId, ChangeSource.Of(request), ct))
        {
            return ApiProblems.NotFound($"run {runId} is not on the failed-runs list");
        }

        return Results.Ok(FailedRunResource.Of((await store.FindFailedAsync(runId, ct))!));
    }

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
