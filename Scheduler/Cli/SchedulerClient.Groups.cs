using EasyTask.Scheduler.Api.Groups;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<List<GroupResource>> ListGroupsAsync(CancellationToken ct) =>
        SendAsync<List<GroupResource>>(HttpMethod.Get, "api/v1/groups", null, ct);

    /// <summary>hold, release, activate, deactivate or run every task of the group.</summary>
    public Task<GroupActionResource> GroupActionAsync(string group, string action, bool force, CancellationToken ct) =>
        SendAsync<GroupActionResource>(HttpMethod.Post, $"api/v1/groups/{Uri.EscapeDataString(group)}/{action}{(force ? "?force=true" : "")}", null, ct);
}
