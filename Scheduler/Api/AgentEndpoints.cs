using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary><c>GET /api/v1/agents</c>: every agent ever heard from, its load and whether it is alive now.</summary>
internal static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/agents", async (IAgentStore store, AgentRegistry registry, CancellationToken ct) =>
            Results.Ok((await store.ListAsync(ct)).Select(a => new AgentResource(a.Name, registry.IsAlive(a.Name), a.Version, a.Capacity, a.Running, a.LastHeartbeat, a.StartedAt))));
        return endpoints;
    }
}

/// <summary>An agent as the API shows it.</summary>
internal sealed record AgentResource(string Name, bool Alive, string Version, int Capacity, int Running, DateTimeOffset LastHeartbeat, DateTimeOffset StartedAt);
