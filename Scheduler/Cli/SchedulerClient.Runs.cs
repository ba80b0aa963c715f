using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<List<RunResource>> ListRunsAsync(string? task, string? status, string? since, int limit, CancellationToken ct)
    {
        var query = new List<string> { $"limit={limit}" };
        if (task is not null)
        {
            query.Add($"task={Uri.EscapeDataString(task)}");
        }

        if (status is not null)
        {
            query.Add($"status={Uri.EscapeDataString(status)}");
        }

        if (since is not null)
        {
            query.Add($"since={Uri.EscapeDataString(since)}");
        }

        return SendAsync<List<RunResource>>(HttpMethod.Get, "api/v1/runs?" + string.Join('&', query), null, ct);
    }

    public Task<RunResource> GetRunAsync(string runId, CancellationToken ct) =>
        SendAsync<RunResource>(HttpMethod.Get, $"api/v1/runs/{Uri.EscapeDataString(runId)}", null, ct);
}
