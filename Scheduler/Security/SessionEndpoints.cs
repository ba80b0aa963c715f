using System.Security.Claims;
using EasyTask.Scheduler.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EasyTask.Scheduler.Security;

/// <summary>
/// The console's sign-in: <c>POST /api/v1/session</c> with <c>{"token": "et_…"}</c> (or an OIDC bearer token in the
/// Authorization header) sets the session cookie; <c>GET</c> says who is signed in; <c>DELETE</c> signs out.
/// <c>/login</c> is a small page that does the POST (a link <c>/login#token=…</c> signs in at once).
/// </summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/session", SignInAsync).AllowAnonymous();
        endpoints.MapGet("/api/v1/session", (HttpContext http) => Results.Ok(WhoAmI(http.User))).RequirePermission(Permissions.Read);
        endpoints.MapDelete("/api/v1/session", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequirePermission(Permissions.Read);
        endpoints.MapGet("/login", () => Results.Content(LoginPage.Html, "text/html; charset=utf-8")).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ApiTokens tokens, AuditTrail audit, CancellationToken ct)
    {
        ClaimsPrincipal? user = http.User.Identity?.IsAuthenticated == true ? http.User : null;
        if (user is null && http.Request.HasJsonContentType())
        {
            var body = await http.Request.ReadFromJsonAsync<SessionBody>(ct);
            if (body?.Token is { Length: > 0 } presented && await tokens.FindActiveAsync(presented, ct) is { } token)
            {
                user = new ClaimsPrincipal(EasyTaskClaims.Identity(ApiTokenHandler.SchemeName, token.Name, token.Role, token.Owners, token.Hosts));
            }
        }

        if (user is null)
        {
            await audit.RecordAsync("anonymous", AuditTrail.SourceOf(http), "login.refused", "/api/v1/session", StatusCodes.Status401Unauthorized, detail: "console sign-in with no valid token");
            return Results.Problem(title: "Sign-in refused", detail: "the token is unknown, revoked or expired", statusCode: StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(user.Claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, EasyTaskClaims.Role);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Ok(WhoAmI(new ClaimsPrincipal(identity)));
    }

    private static object WhoAmI(ClaimsPrincipal user)
    {
        var roles = EasyTaskClaims.RolesOf(user).ToList();
        return new
        {
            name = EasyTaskClaims.WhoIs(user),
            roles,
            permissions = roles.SelectMany(Roles.PermissionsOf).Distinct().Order().ToList(),
            owners = user.FindAll(EasyTaskClaims.Owners).Select(c => c.Value).ToList(),
            hosts = user.FindAll(EasyTaskClaims.Hosts).Select(c => c.Value).ToList(),
        };
    }

    private sealed record SessionBody(string? Token);
}
