using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Security;

/// <summary>Auth switched off (<c>--insecure-no-auth</c>): every caller is an admin named "anonymous (auth off)".</summary>
internal sealed class NoAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NoAuth";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = EasyTaskClaims.Identity(SchemeName, "anonymous (auth off)", Roles.Admin, [], []);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
