using Microsoft.AspNetCore.Routing.Patterns;

namespace EasyTask.Scheduler.Security;

/// <summary>
/// The permission a request needs. An endpoint's <see cref="PermissionMetadata"/> wins; otherwise, so that a new
/// endpoint is protected without anyone remembering to: reads (GET, HEAD) need <c>read</c>; a POST whose route
/// ends in an operator verb (run, kill, hold, release, retry, dismiss …) needs <c>operate</c>; anything with an
/// <c>adhoc</c> segment needs <c>adhoc</c>; every other change needs <c>define</c> (admin).
/// </summary>
internal static class EndpointPermissions
{
    private static readonly HashSet<string> OperatorVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "run", "kill", "hold", "release", "retry", "dismiss", "rerun", "restart", "cancel", "acknowledge", "ack", "skip",
    };

    public static string For(Endpoint? endpoint, string method)
    {
        if (endpoint?.Metadata.GetMetadata<PermissionMetadata>() is { } declared)
        {
            return declared.Permission;
        }

        var literals = LiteralsOf(endpoint);
        if (literals.Any(s => s.Equals("adhoc", StringComparison.OrdinalIgnoreCase)))
        {
            return Permissions.Adhoc;
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return Permissions.Read;
        }

        return HttpMethods.IsPost(method) && literals.Count > 0 && OperatorVerbs.Contains(literals[^1]) && EndsWithLiteral(endpoint)
            ? Permissions.Operate
            : Permissions.Define;
    }

    private static List<string> LiteralsOf(Endpoint? endpoint) =>
        endpoint is RouteEndpoint route
            ? route.RoutePattern.PathSegments.SelectMany(s => s.Parts).OfType<RoutePatternLiteralPart>().Select(p => p.Content).ToList()
            : [];

    private static bool EndsWithLiteral(Endpoint? endpoint) =>
        endpoint is RouteEndpoint route && route.RoutePattern.PathSegments.Count > 0
        && route.RoutePattern.PathSegments[^1].Parts.All(p => p is RoutePatternLiteralPart);
}
