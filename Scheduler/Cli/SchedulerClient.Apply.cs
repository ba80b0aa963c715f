using System.Text.Json;
using EasyTask.Scheduler.Definitions.Apply;

namespace EasyTask.Scheduler.Cli;

/// <summary>Definitions as code through the API.</summary>
internal sealed partial class SchedulerClient
{
    public Task<ApplyResult> ApplyAsync(ApplyRequest request, bool plan, bool prune, CancellationToken ct) =>
        SendAsync<ApplyResult>(
            HttpMethod.Post,
            $"api/v1/apply?plan={(plan ? "true" : "false")}&prune={(prune ? "true" : "false")}",
            JsonSerializer.Serialize(request, Api.ApiJson.Options),
            ct);
}
