using System.Text.Json;
using System.Text.RegularExpressions;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Security;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>POST /api/v1/adhoc</c>: run a one-off command on an agent, flagged adhoc. Body: <c>{"cmd", "host", "owner"?, "max_run_time"?}</c>.
/// Needs the adhoc permission (by the route's <c>adhoc</c> segment); a token limited to owners or hosts stays within them.
/// </summary>
internal static partial class AdhocEndpoints
{
    public static IEndpointRouteBuilder MapAdhocApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/adhoc", async (HttpRequest request, AdhocRuns adhoc, CancellationToken ct) =>
        {
            AdhocRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<AdhocRequest>(ApiJson.Options, ct);
            }
            catch (JsonException ex)
            {
                return ApiProblems.Invalid(ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body", $"is not valid: {ex.Message}", "The adhoc request is invalid");
            }

            var errors = Check(body);
            if (errors.Count > 0)
            {
                return ApiProblems.Invalid(errors, "The adhoc request is invalid");
            }

            var owner = string.IsNullOrWhiteSpace(body!.Owner) ? null : body.Owner.Trim();
            if (AccessScope.Check(request.HttpContext, owner, body.Host) is { } refused)
            {
                return refused;
            }

            var run = await adhoc.StartAsync(new AdhocCommand(body.Cmd!, body.Host!, owner, body.MaxRunTime ?? 0), ChangeSource.Of(request), ct);
            return Results.Created($"/api/v1/runs/{run.RunId}", RunResource.From(run));
        });
        return endpoints;
    }

    internal static List<FieldError> Check(AdhocRequest? body)
    {
        var errors = new List<FieldError>();
        if (body is null)
        {
            errors.Add(new("body", "give a JSON object: {\"cmd\": \"...\", \"host\": \"agent name\", \"owner\": \"user\", \"max_run_time\": 60}"));
            return errors;
        }

        if (string.IsNullOrWhiteSpace(body.Cmd))
        {
            errors.Add(new("cmd", "is required: the shell command line to run"));
        }
        else if (body.Cmd.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new("cmd", "must not contain NUL characters"));
        }

        if (string.IsNullOrWhiteSpace(body.Host))
        {
            errors.Add(new("host", "is required: the name of the agent to run on"));
        }
        else if (!Name().IsMatch(body.Host))
        {
            errors.Add(new("host", $"must be an agent name of letters, digits, '_', '.', '-' (at most 128), got \"{body.Host}\""));
        }

        if (!string.IsNullOrWhiteSpace(body.Owner) && !Owner().IsMatch(body.Owner.Trim()))
        {
            errors.Add(new("owner", $"must be an OS user name, got \"{body.Owner}\""));
        }

        if (body.MaxRunTime is < 0)
        {
            errors.Add(new("max_run_time", $"must be seconds, 0 or more (0 means no limit), got {body.MaxRunTime}"));
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\\@$-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Owner();
}

/// <summary>The body of <c>POST /api/v1/adhoc</c>.</summary>
internal sealed record AdhocRequest(string? Cmd, string? Host, string? Owner, int? MaxRunTime);
