using System.Globalization;

namespace EasyTask.Scheduler.Audit;

/// <summary>
/// Records every request that changes something (any method but GET, HEAD, OPTIONS), whoever answered it and
/// whatever the outcome, so endpoints added later are audited without doing anything: who, from where, the route,
/// the path, the status, and the version before (If-Match) and after (ETag) when the endpoint gives them.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditTrail audit)
{
    private const string DetailKey = "EasyTask.AuditDetail";

    /// <summary>Lets an endpoint say what its request did beyond the route (e.g. which tasks a group operation touched).</summary>
    public static void AddDetail(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[DetailKey] = detail;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            await next(context);
            return;
        }

        var before = VersionOf(context.Request.Headers.IfMatch.ToString());
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            await audit.RecordAsync(context, $"{method} {route}", context.Request.Path.Value ?? "/", context.Response.StatusCode,
                before, VersionOf(context.Response.Headers.ETag.ToString()), context.Items[DetailKey] as string);
        }
    }

    private static long? VersionOf(string tag) =>
        long.TryParse(tag.Trim().Trim('W', '/').Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
}
