using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Audit;

/// <summary><c>GET /api/v1/audit?since=&amp;who=&amp;target=&amp;limit=</c>: the trail, newest first. Read-only: there is no way to change it.</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/audit", async (string? since, string? who, string? target, int? limit, IAuditStore store, TimeProvider time, CancellationToken ct) =>
        {
            DateTimeOffset? from = null;
            if (since is { Length: > 0 })
            {
                if (Durations.TryParse(since, out var ago))
                {
                    from = time.GetUtcNow() - ago;
                }
                else if (DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                {
                    from = at;
                }
                else
                {
                    return ApiProblems.Invalid("since", $"must be a time (2026-11-22T08:00Z) or a duration back from now (24h, 7d), got \"{since}\"");
                }
            }

            var entries = await store.QueryAsync(new AuditQuery(from, who, target, limit ?? 500), ct);
            return Results.Ok(entries.Select(AuditResource.From));
        }).RequirePermission(Permissions.ReadAudit);
        return endpoints;
    }
}
