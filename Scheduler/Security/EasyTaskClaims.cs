using System.Security.Claims;

namespace EasyTask.Scheduler.Security;

/// <summary>The claims every EasyTask identity carries, whichever way it signed in (token, OIDC, console cookie).</summary>
internal static class EasyTaskClaims
{
    public const string Role = "easytask_role";
    public const string Owners = "easytask_owners";
    public const string Hosts = "easytask_hosts";
    public const string Method = "easytask_auth";

    /// <summary>Who the caller is, for logs and the audit trail: the token name or the OIDC subject.</summary>
    public static string WhoIs(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    public static IEnumerable<string> RolesOf(ClaimsPrincipal user) => user.FindAll(Role).Select(c => c.Value);

    public static bool Has(ClaimsPrincipal user, string permission) =>
        RolesOf(user).Any(role => Roles.PermissionsOf(role).Contains(permission));

    /// <summary>An identity of <paramref name="authenticationType"/> with the EasyTask claims.</summary>
    public static ClaimsIdentity Identity(string authenticationType, string name, string role, IEnumerable<string> owners, IEnumerable<string> hosts)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(Role, role), new(Method, authenticationType) };
        claims.AddRange(owners.Select(o => new Claim(Owners, o)));
        claims.AddRange(hosts.Select(h => new Claim(Hosts, h)));
        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, Role);
    }
}
