using System.Security.Claims;
using System.Text.Encodings.Web;
using EasyTask.Scheduler.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Security;

/// <summary><c>Authorization: Bearer et_…</c>: looks the token's hash up; a refused token is written to the audit trail.</summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    AuditTrail audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerOf(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        Storage.ApiTokenRecord? token;
        try
        {
            token = await tokens.FindActiveAsync(presented, Context.RequestAborted);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The database is down: nobody can be authenticated, but open routes (/health/ready) must still answer.
            return AuthenticateResult.Fail(ex);
        }

        if (token is null)
        {
            await audit.RecordAsync("anonymous", AuditTrail.SourceOf(Context), "login.refused", Request.Path, StatusCodes.Status401Unauthorized,
                detail: "unknown, revoked or expired API token");
            return AuthenticateResult.Fail("the API token is unknown, revoked or expired");
        }

        var identity = EasyTaskClaims.Identity(SchemeName, token.Name, token.Role, token.Owners, token.Hosts);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            title: "Authentication required",
            detail: "send Authorization: Bearer <token> (easytask token create; the CLI reads EASYTASK_TOKEN, --token or ./data/admin.token) or sign in to the console",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    /// <summary>The bearer credential of the request, if any.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
