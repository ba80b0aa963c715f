using EasyTask.Scheduler.Cluster;

namespace EasyTask.Scheduler.Api;

/// <summary><c>GET /api/v1/cluster</c>: the instances, the leader, the lease's age and epoch. Any instance answers.</summary>
internal static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/cluster", async (ClusterView view, CancellationToken ct) => Results.Ok(await view.DescribeAsync(ct)));
        return endpoints;
    }
}
