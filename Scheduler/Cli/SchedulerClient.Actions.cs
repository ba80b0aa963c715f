using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<RunResource> ForceStartAsync(string task, bool force, CancellationToken ct) =>
        SendAsync<RunResource>(HttpMethod.Post, $"api/v1/tasks/{Uri.EscapeDataString(task)}/run{(force ? "?force=true" : "")}", null, ct);

    public Task<RunResource> AdhocAsync(string json, CancellationToken ct) =>
        SendAsync<RunResource>(HttpMethod.Post, "api/v1/adhoc", json, ct);

    public Task<RunResource> KillRunAsync(string runId, CancellationToken ct) =>
        SendAsync<RunResource>(HttpMethod.Post, $"api/v1/runs/{Uri.EscapeDataString(runId)}/kill", null, ct);

    public async Task<string> RunLogsAsync(string runId, string stream, int? attempt, CancellationToken ct)
    {
        var path = $"api/v1/runs/{Uri.EscapeDataString(runId)}/logs?stream={stream}{(attempt is null ? "" : $"&attempt={attempt}")}";
        return await SendTextAsync(path, ct);
    }
}
