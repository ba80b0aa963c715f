using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EasyTask.Scheduler.Security;

/// <summary>Turns a validated OIDC token into an EasyTask identity: the configured claim's role values, the configured name.</summary>
internal static class OidcRoleMapping
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    public static Task OnTokenValidated(TokenValidatedContext context, OidcOptions oidc)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal!;
        var roles = principal.FindAll(oidc.RoleClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .Where(Roles.IsRole)
            .Distinct()
            .ToList();
        var name = principal.FindFirst(oidc.NameClaim)?.Value ?? principal.FindFirst("sub")?.Value ?? "oidc user";
        var claims = new List<Claim> { new(ClaimTypes.Name, $"oidc:{name}"), new(EasyTaskClaims.Method, "oidc") };
        claims.AddRange(roles.Select(r => new Claim(EasyTaskClaims.Role, r)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, EasyTaskClaims.Role));
        return Task.CompletedTask;
    }
}
