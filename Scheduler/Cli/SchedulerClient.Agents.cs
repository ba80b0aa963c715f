using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<List<AgentResource>> ListAgentsAsync(CancellationToken ct) =>
        SendAsync<List<AgentResource>>(HttpMethod.Get, "api/v1/agents", null, ct);
}
