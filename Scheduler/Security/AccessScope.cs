using System.Security.Claims;

namespace EasyTask.Scheduler.Security;

/// <summary>
/// The task owners and hosts a caller is limited to (empty = no limit). A limited caller cannot define, run or
/// ad-hoc anything whose <c>task_owner</c> or <c>run_on_host</c> is outside its lists; a task with no
/// <c>task_owner</c> runs as the agent's own user, which a limited caller cannot vouch for either.
/// </summary>
internal sealed record AccessScope(IReadOnlySet<string> Owners, IReadOnlySet<string> Hosts)
{
    public static AccessScope Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AccessScope(
            user.FindAll(EasyTaskClaims.Owners).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            user.FindAll(EasyTaskClaims.Hosts).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Why the caller may not touch a task with this owner and host, or null when it may.</summary>
    public string? Refusal(string? owner, string? host)
    {
        if (Owners.Count > 0 && (owner is null || !Owners.Contains(owner)))
        {
            return $"task_owner: your token is limited to owners {string.Join(", ", Owners.Order())}; \"{owner ?? "(the agent's own user)"}\" is outside them";
        }

        if (Hosts.Count > 0 && (host is null || !Hosts.Contains(host)))
        {
            return $"run_on_host: your token is limited to hosts {string.Join(", ", Hosts.Order())}; \"{host}\" is outside them";
        }

        return null;
    }

    /// <summary>A 403 problem for <see cref="Refusal"/>, or null when allowed.</summary>
    public static IResult? Check(HttpContext http, string? owner, string? host)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Of(http.User).Refusal(owner, host) is { } reason
            ? Results.Problem(title: "Forbidden", detail: reason, statusCode: StatusCodes.Status403Forbidden)
            : null;
    }
}
