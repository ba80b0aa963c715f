using System.Globalization;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>The <c>/api/v1/runs</c> endpoints: what ran, what is running, and each run's timeline.</summary>
internal static class RunEndpoints
{
    private const int ExplainedInList = 100;

    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder endpoints)
    {
        var runs = endpoints.MapGroup("/api/v1/runs");
        runs.MapGet("/", ListAsync);
        runs.MapGet("/{runId}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IRunStore store, RunLifecycle lifecycle, TimeProvider time, CancellationToken ct)
    {
        var query = request.Query;
        if (!RunFilterParameters.TryStatuses(query, out var statuses, out var problem) || !RunFilterParameters.TrySince(query, time, out var since, out problem))
        {
            return problem!;
        }

        var limit = 100;
        if (query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            return ApiProblems.Invalid("limit", $"must be a whole number from 1 to 10000, got \"{limitText}\"");
        }

        var task = query["task"].ToString();
        var found = await store.ListAsync(new RunQuery(task.Length > 0 ? task : null, statuses, since, limit), ct);
        // Waiting reasons are worked out from the database per run; a list explains its first ones, run show explains any.
        var explained = new List<RunResource>(found.Count);
        var budget = ExplainedInList;
        foreach (var run in found)
        {
            var waiting = run.Status is RunStatus.Active or RunStatus.Trigger && budget-- > 0 ? await lifecycle.WaitingReasonAsync(run, ct) : null;
            explained.Add(RunResource.From(run, waiting));
        }

        return Results.Ok(explained);
    }

    private static async Task<IResult> GetAsync(string runId, IRunStore store, RunLifecycle lifecycle, CancellationToken ct)
    {
        var run = await store.FindAsync(runId, ct);
        if (run is null)
        {
            return ApiProblems.NotFound($"no run with id {runId}");
        }

        var events = await store.EventsAsync(runId, ct);
        return Results.Ok(RunResource.From(run, await lifecycle.WaitingReasonAsync(run, ct), events));
    }
}
