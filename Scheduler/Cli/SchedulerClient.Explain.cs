using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<Explanation> ExplainTaskAsync(string name, string? at, CancellationToken ct) =>
        SendAsync<Explanation>(HttpMethod.Get, $"api/v1/tasks/{Uri.EscapeDataString(name)}/explain{(at is null ? "" : "?at=" + Uri.EscapeDataString(at))}", null, ct);
}
