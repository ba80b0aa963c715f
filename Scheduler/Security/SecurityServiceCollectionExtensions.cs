using EasyTask.Scheduler.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;

namespace EasyTask.Scheduler.Security;

/// <summary>
/// Wires authentication (API tokens, OIDC JWT bearer, console cookie), authorization (every endpoint needs the
/// permission <see cref="EndpointPermissions"/> names, by default), the Host allowlist and the JSON-only rule.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    internal const string SelectorScheme = "EasyTask";
    internal const string CookieName = "easytask.session";

    /// <summary>Largest request body accepted (definitions, calendars): 1 MiB unless configured.</summary>
    internal const string MaxBodyKey = "EasyTask:Api:MaxBodyBytes";
    internal const long DefaultMaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddEasyTaskSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var urls = (builder.Configuration["urls"] ?? Hosting.SchedulerHost.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries);
        var insecure = builder.Configuration.GetValue("EasyTask:Auth:InsecureNoAuth", false);
        if (!auth.Enabled && !insecure && ListenGuard.NonLoopback(urls) is { Count: > 0 } exposed)
        {
            throw new FormatException(
                $"auth is off but the API would listen beyond this machine ({string.Join(", ", exposed)}); turn auth on, listen on 127.0.0.1, or pass --insecure-no-auth if you really mean it");
        }

        var maxBody = builder.Configuration.GetValue(MaxBodyKey, DefaultMaxBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        // A body over the limit surfaces as BadHttpRequestException while an endpoint reads it: answer its 413, not 500.
        builder.Services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddSingleton(auth);
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<IAuthorizationHandler, EndpointPermissionHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblemHandler>();
        builder.Services.AddHostedService<AuthStartupWarning>();
        var allowedHosts = auth.AllowedHosts ?? builder.Configuration["AllowedHosts"] ?? ListenGuard.DefaultAllowedHosts(urls);
        builder.Services.Configure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = allowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            o.AllowEmptyHosts = false;
        });

        var oidcOn = auth.Enabled && !string.IsNullOrWhiteSpace(auth.Oidc.Authority);
        var authentication = builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "EasyTask", o => o.ForwardDefaultSelector = context => SchemeFor(context, auth.Enabled, oidcOn))
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, NoAuthHandler>(NoAuthHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, ConsoleCookie.Configure);
        if (oidcOn)
        {
            authentication.AddJwtBearer(o =>
            {
                o.Authority = auth.Oidc.Authority;
                o.Audience = auth.Oidc.Audience;
                o.RequireHttpsMetadata = auth.Oidc.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context => OidcRoleMapping.OnTokenValidated(context, auth.Oidc),
                    OnAuthenticationFailed = context => context.HttpContext.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(
                        "anonymous", AuditTrail.SourceOf(context.HttpContext), "login.refused", context.Request.Path, StatusCodes.Status401Unauthorized,
                        detail: "OIDC token refused: " + context.Exception.GetType().Name),
                };
            });
        }

        var everyEndpoint = new AuthorizationPolicyBuilder(SelectorScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new EndpointPermissionRequirement())
            .Build();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(everyEndpoint)
            .SetFallbackPolicy(everyEndpoint);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Name = "easytask.antiforgery";
        });
        return builder;
    }

    /// <summary>Audit, authentication, authorization, antiforgery and the JSON-only rule, in that order, then the security endpoints.</summary>
    public static WebApplication UseEasyTaskSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<JsonBodyOnly>();
        app.MapSessionApi();
        app.MapTokenApi();
        app.MapAuditApi();
        return app;
    }

    private static string SchemeFor(HttpContext context, bool enabled, bool oidcOn)
    {
        if (!enabled)
        {
            return NoAuthHandler.SchemeName;
        }

        if (ApiTokenHandler.BearerOf(context.Request) is { } bearer)
        {
            return oidcOn && !bearer.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal) ? JwtBearerDefaults.AuthenticationScheme : ApiTokenHandler.SchemeName;
        }

        return context.Request.Cookies.ContainsKey(CookieName) ? CookieAuthenticationDefaults.AuthenticationScheme : ApiTokenHandler.SchemeName;
    }
}
