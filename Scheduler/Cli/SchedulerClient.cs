using System.Net;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary>The CLI's side of the HTTP API. Failures become <see cref="CliException"/>s carrying the server's reason.</summary>
internal sealed partial class SchedulerClient(HttpClient http, string source)
{
    public static SchedulerClient Create(string serverUrl, string source)
    {
        if (!Uri.TryCreate(serverUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server: \"{serverUrl}\" is not an http(s) URL (e.g. {Hosting.SchedulerHost.DefaultUrl})", ExitCodes.InvalidInput);
        }

        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (CliCredentials.Resolve() is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return new SchedulerClient(http, source);
    }

    public Task<TaskResource> InsertTaskAsync(string json, CancellationToken ct) =>
        SendAsync<TaskResource>(HttpMethod.Post, "api/v1/tasks", json, ct);

    public Task<TaskResource> UpdateTaskAsync(string name, string json, CancellationToken ct) =>
        SendAsync<TaskResource>(HttpMethod.Put, $"api/v1/tasks/{Uri.EscapeDataString(name)}", json, ct);

    public Task<List<TaskResource>> ListTasksAsync(CancellationToken ct) =>
        SendAsync<List<TaskResource>>(HttpMethod.Get, "api/v1/tasks", null, ct);

    public Task<TaskResource> GetTaskAsync(string name, CancellationToken ct) =>
        SendAsync<TaskResource>(HttpMethod.Get, $"api/v1/tasks/{Uri.EscapeDataString(name)}", null, ct);

    public Task<TaskResource> SetActiveAsync(string name, bool active, CancellationToken ct) =>
        SendAsync<TaskResource>(HttpMethod.Post, $"api/v1/tasks/{Uri.EscapeDataString(name)}/{(active ? "activate" : "deactivate")}", null, ct);

    public async Task DeleteTaskAsync(string name, bool force, CancellationToken ct) =>
        await SendAsync<object>(HttpMethod.Delete, $"api/v1/tasks/{Uri.EscapeDataString(name)}{(force ? "?force=true" : "")}", null, ct);

    private async Task<string> SendTextAsync(string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ToExceptionAsync(response, ct);
        }

        return await response.Content.ReadAsStringAsync(ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, json, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ToExceptionAsync(response, ct);
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }

        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct)
            ?? throw new CliException($"the server at {http.BaseAddress} sent an empty answer to {method} {path}", ExitCodes.ServerRefused);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(Api.ChangeSource.Header, source);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the EasyTask server at {http.BaseAddress}: {ex.Message}. Is `easytask serve` running there? Point --server or {CliOptions.ServerVariable} at it.", ExitCodes.ServerRefused);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the EasyTask server at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s", ExitCodes.ServerRefused);
        }
    }
}
