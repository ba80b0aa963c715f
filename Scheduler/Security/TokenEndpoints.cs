using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Security;

/// <summary><c>/api/v1/tokens</c>: create (the token is in this answer only), list, revoke. Admin only.</summary>
internal static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup("/api/v1/tokens").RequirePermission(Permissions.ManageTokens);
        tokens.MapGet("/", async (ApiTokens service, CancellationToken ct) =>
            Results.Ok((await service.ListAsync(ct)).Select(t => TokenResource.From(t))));
        tokens.MapPost("/", async (TokenCreateBody body, HttpContext http, ApiTokens service, CancellationToken ct) =>
        {
            TimeSpan? life = null;
            if (body.Expires is { Length: > 0 } expires)
            {
                if (!Durations.TryParse(expires, out var parsed))
                {
                    return ApiProblems.Invalid("expires", $"must be a duration such as 90d, 12h or 30m, got \"{expires}\"");
                }

                life = parsed;
            }

            try
            {
                var created = await service.CreateAsync(
                    new TokenRequest(body.Name ?? "", body.Role ?? "", body.Owners ?? [], body.Hosts ?? [], life), EasyTaskClaims.WhoIs(http.User), ct);
                return Results.Created($"/api/v1/tokens/{Uri.EscapeDataString(created.Record.Name)}", TokenResource.From(created.Record, created.Token));
            }
            catch (ArgumentException ex)
            {
                var colon = ex.Message.IndexOf(':', StringComparison.Ordinal);
                return ApiProblems.Invalid(ex.Message[..colon], ex.Message[(colon + 1)..].Trim(), "The token request is invalid");
            }
            catch (InvalidOperationException ex)
            {
                return ApiProblems.Conflict(ex.Message);
            }
        });
        tokens.MapDelete("/{name}", async (string name, ApiTokens service, CancellationToken ct) =>
            await service.RevokeAsync(name, ct) ? Results.NoContent() : ApiProblems.NotFound($"no live token named \"{name}\""));
        return endpoints;
    }
}
