using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<ClusterResource> ClusterAsync(CancellationToken ct) =>
        SendAsync<ClusterResource>(HttpMethod.Get, "api/v1/cluster", null, ct);
}
