using System.Globalization;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>GET /api/v1/runs/page</c>: the Task Runs page's query, filtered, counted and paged in the database —
/// <c>name</c> (part of the task name), <c>status</c> (comma-separated), <c>since</c> (6h, 12h, 24h, 3d, 7d…),
/// <c>adhoc</c>, <c>host</c>, <c>offset</c>, <c>limit</c> (1–1000, default 50).
/// </summary>
internal static class RunPageEndpoints
{
    public static IEndpointRouteBuilder MapRunPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/runs/page", PageAsync);
        return endpoints;
    }

    private static async Task<IResult> PageAsync(HttpRequest request, RunListing pages, TimeProvider time, CancellationToken ct)
    {
        var query = request.Query;
        if (!RunFilterParameters.TryStatuses(query, out var statuses, out var problem) || !RunFilterParameters.TrySince(query, time, out var since, out problem))
        {
            return problem!;
        }

        if (!TryInt(query["offset"], 0, 0, int.MaxValue, out var offset))
        {
            return ApiProblems.Invalid("offset", $"must be a whole number, 0 or more, got \"{query["offset"]}\"");
        }

        if (!TryInt(query["limit"], 50, 1, 1000, out var limit))
        {
            return ApiProblems.Invalid("limit", $"must be a whole number from 1 to 1000, got \"{query["limit"]}\"");
        }

        bool? adhoc = null;
        if (query["adhoc"].ToString() is { Length: > 0 } adhocText)
        {
            if (!bool.TryParse(adhocText, out var flag))
            {
                return ApiProblems.Invalid("adhoc", $"must be true or false, got \"{adhocText}\"");
            }

            adhoc = flag;
        }

        var page = await pages.PageAsync(new RunPageQuery(query["name"].ToString(), statuses, since, adhoc, query["host"].ToString(), offset, limit), ct);
        return Results.Ok(new RunPageResource(page.Runs.Select(r => RunResource.From(r)).ToList(), page.Total, offset, limit));
    }

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, int min, int max, out int result)
    {
        result = fallback;
        var text = value.ToString();
        return text.Length == 0 || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max);
    }
}

/// <summary>A page of runs with the number matching in all.</summary>
internal sealed record RunPageResource(IReadOnlyList<RunResource> Runs, long Total, int Offset, int Limit);
