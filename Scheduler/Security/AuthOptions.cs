namespace EasyTask.Scheduler.Security;

/// <summary><c>EasyTask:Auth</c>: who may call the API and the console.</summary>
internal sealed class AuthOptions
{
    public const string Section = "EasyTask:Auth";

    /// <summary>On by default. Off only with <c>--insecure-no-auth</c>: then every caller acts as admin, and a warning is logged at each start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Host header values accepted (DNS-rebinding guard), ';'-separated. Default: localhost, 127.0.0.1, [::1] and
    /// the host names of the listen URLs; '*' accepts any (only sensible behind a proxy that checks it).
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>Where <c>standalone</c> keeps its admin token (mode 0600); unset for <c>serve</c>.</summary>
    public string? AdminTokenFile { get; set; }

    /// <summary>OpenID Connect / JWT bearer sign-in; off unless <see cref="OidcOptions.Authority"/> is set.</summary>
    public OidcOptions Oidc { get; set; } = new();
}
