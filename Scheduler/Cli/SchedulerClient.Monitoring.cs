using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Monitoring;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<List<TimelineEventResource>> TimelineAsync(string runId, CancellationToken ct) =>
        SendAsync<List<TimelineEventResource>>(HttpMethod.Get, $"api/v1/runs/{Uri.EscapeDataString(runId)}/timeline", null, ct);

    public Task<List<AttemptResource>> AttemptsAsync(string runId, CancellationToken ct) =>
        SendAsync<List<AttemptResource>>(HttpMethod.Get, $"api/v1/runs/{Uri.EscapeDataString(runId)}/attempts", null, ct);

    public Task<RunResource> RetryRunAsync(string runId, CancellationToken ct) =>
        SendAsync<RunResource>(HttpMethod.Post, $"api/v1/runs/{Uri.EscapeDataString(runId)}/retry", null, ct);

    public Task<FailedRunResource> DismissRunAsync(string runId, CancellationToken ct) =>
        SendAsync<FailedRunResource>(HttpMethod.Post, $"api/v1/failed-runs/{Uri.EscapeDataString(runId)}/dismiss", null, ct);

    public Task<List<FailedRunResource>> FailedRunsAsync(string? task, string? agent, string? since, CancellationToken ct) =>
        SendAsync<List<FailedRunResource>>(HttpMethod.Get, "api/v1/failed-runs" + Query(("task", task), ("agent", agent), ("since", since)), null, ct);

    public Task<List<AlertResource>> AlertsAsync(string? since, int limit, CancellationToken ct) =>
        SendAsync<List<AlertResource>>(HttpMethod.Get, "api/v1/alerts" + Query(("since", since), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), null, ct);

    public Task<HealthReport> HealthAsync(CancellationToken ct) =>
        SendAsync<HealthReport>(HttpMethod.Get, "api/v1/monitoring/health", null, ct);

    /// <summary>The live stream's events (<c>run</c>, <c>timeline</c>, <c>output</c>) with their JSON data, until cancelled or the server closes it.</summary>
    public async IAsyncEnumerable<(string Event, string Data)> StreamAsync(string query, [EnumeratorCancellation] CancellationToken ct)
    {
        // The stream stays open for as long as the user follows: no overall timeout, unlike the other calls.
        using var streaming = new HttpClient { BaseAddress = http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        streaming.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/stream" + query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage response;
        try
        {
            response = await streaming.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the EasyTask server at {http.BaseAddress}: {ex.Message}", ExitCodes.ServerRefused);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemReader.ToExceptionAsync(response, ct);
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            var name = "message";
            var data = new List<string>();
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Count > 0)
                    {
                        yield return (name, string.Join('\n', data));
                    }

                    name = "message";
                    data.Clear();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Add(line[5..].TrimStart());
                }
            }
        }
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
