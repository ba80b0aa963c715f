using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Logs;

/// <summary>
/// The console's log viewer reads a run's output a page at a time (<c>GET /api/v1/runs/{id}/log</c>, 500 lines by
/// default) and searches it on the server (<c>GET /api/v1/runs/{id}/log/search?q=</c>), so a large log never
/// travels to the browser whole. <c>GET /api/v1/runs/{id}/logs</c> still gives the whole text, for download.
/// </summary>
internal static class LogEndpoints
{
    public const int DefaultPageSize = 500;

    private static readonly LogText Empty = LogText.Of("");

    public static IEndpointRouteBuilder MapLogPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/runs/{runId}/log", async (string runId, string? stream, int? attempt, int? page, int? size, IRunStore runs, LogCache logs, CancellationToken ct) =>
        {
            var pageSize = size ?? DefaultPageSize;
            if (pageSize is < 1 or > 5000)
            {
                return ApiProblems.Invalid("size", $"must be from 1 to 5000 lines, got {pageSize}");
            }

            if (page is < 0)
            {
                return ApiProblems.Invalid("page", $"must be 1 or more (0 = the last page), got {page}");
            }

            var (problem, run, which, lines) = await ReadAsync(runId, stream, attempt, runs, logs, ct);
            if (problem is not null)
            {
                return problem;
            }

            var pages = Math.Max(1, (lines.Count + pageSize - 1) / pageSize);
            var number = page is null or 0 ? pages : Math.Min(page.Value, pages);
            var first = (number - 1) * pageSize;
            var slice = lines.Slice(first, pageSize);
            return Results.Ok(new LogPageResource(runId, attempt ?? run!.Attempt, which, number, pages, pageSize, lines.Count, first + 1, slice));
        });
        endpoints.MapGet("/api/v1/runs/{runId}/log/search", async (string runId, string? stream, int? attempt, string? q, IRunStore runs, LogCache logs, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(q))
            {
                return ApiProblems.Invalid("q", "give the text to search for");
            }

            var (problem, run, which, lines) = await ReadAsync(runId, stream, attempt, runs, logs, ct);
            if (problem is not null)
            {
                return problem;
            }

            var found = lines.Search(q, LogLines.MaxMatches);
            return Results.Ok(new LogSearchResource(runId, attempt ?? run!.Attempt, which, q, found.Count, found.Count >= LogLines.MaxMatches, found));
        });
        return endpoints;
    }

    private static async Task<(IResult? Problem, RunRecord? Run, string Stream, LogText Lines)> ReadAsync(
        string runId, string? stream, int? attempt, IRunStore runs, LogCache logs, CancellationToken ct)
    {
        var which = stream ?? "stdout";
        if (which is not ("stdout" or "stderr"))
        {
            return (ApiProblems.Invalid("stream", $"must be stdout or stderr, got \"{which}\""), null, which, Empty);
        }

        if (attempt is < 1)
        {
            return (ApiProblems.Invalid("attempt", $"must be 1 or more, got {attempt}"), null, which, Empty);
        }

        var run = await runs.FindAsync(runId, ct);
        if (run is null)
        {
            return (ApiProblems.NotFound($"no run with id {runId}"), null, which, Empty);
        }

        return (null, run, which, await logs.ReadAsync(run, attempt ?? run.Attempt, which, ct));
    }
}
