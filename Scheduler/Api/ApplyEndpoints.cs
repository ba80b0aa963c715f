using EasyTask.Scheduler.Definitions.Apply;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>POST /api/v1/apply?plan=true&amp;prune=true</c>: definitions as code (see <see cref="ApplyPlanner"/>). 200 with the
/// plan (applied unless <c>plan=true</c>); 400 naming each file and field; 409 when something changed meanwhile.
/// </summary>
internal static class ApplyEndpoints
{
    public static IEndpointRouteBuilder MapApplyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/apply", ApplyAsync);
        return endpoints;
    }

    private static async Task<IResult> ApplyAsync(HttpContext http, bool? plan, bool? prune, ApplyPlanner planner, CancellationToken ct)
    {
        ApplyRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<ApplyRequest>(ApiJson.Options, ct);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ApiProblems.Invalid("$", $"the body must be {{\"tasks\": [{{\"file\", \"content\"}}], \"calendars\": [...], \"source\"}}: {ex.Message}");
        }

        if (request is null)
        {
            return ApiProblems.Invalid("$", "the body is empty; send {\"tasks\": [...], \"calendars\": [...], \"source\"}");
        }

        var source = string.IsNullOrWhiteSpace(request.Source) ? ChangeSource.Of(http.Request) : $"apply {request.Source} ({ChangeSource.Of(http.Request)})";
        try
        {
            var (result, errors) = await planner.RunAsync(
                request, plan ?? false, prune ?? false, source, d => Security.AccessScope.Of(http.User).Refusal(d.TaskOwner, d.RunOnHost), ct);
            return result is null ? ApiProblems.Invalid(errors, "The definitions are invalid; nothing was applied") : Results.Ok(result);
        }
        catch (Exception ex) when (ex is VersionConflictException or DuplicateTaskException or TaskNotFoundException)
        {
            return ApiProblems.Conflict($"{ex.Message}; nothing was applied, run the plan again");
        }
    }
}
