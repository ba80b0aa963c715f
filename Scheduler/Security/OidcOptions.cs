namespace EasyTask.Scheduler.Security;

/// <summary><c>EasyTask:Auth:Oidc</c>: JWT bearer tokens from an OpenID Connect provider (Entra ID, Keycloak, Okta …).</summary>
internal sealed class OidcOptions
{
    /// <summary>The issuer URL; its <c>/.well-known/openid-configuration</c> gives the signing keys. Unset = OIDC off.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (the API's client id or App ID URI).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim carrying the role; its values must be <c>viewer</c>, <c>operator</c> or <c>admin</c> (default <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim naming the caller in logs and the audit trail (default <c>sub</c>).</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Keep true in production; false only for a test provider on http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
