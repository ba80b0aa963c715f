using System.Net.Http.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using Microsoft.AspNetCore.Builder;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>A real <c>easytask serve</c> host on a free loopback port, over the given database setting.</summary>
internal sealed class RunningScheduler : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningScheduler(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>An admin API token made at start; <see cref="Http"/> sends it, and <see cref="CliRun"/> adds it as --token for this server.</summary>
    public string AdminToken { get; private set; } = "";

    public HttpClient Http { get; }

    public string Url => BaseAddress.ToString().TrimEnd('/');

    /// <summary>The host's services, for tests that check what the engine now holds after an API call.</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<RunningScheduler> StartAsync(string databaseSetting, params string[] extra)
    {
        var app = await SchedulerHost.StartAsync(
            ["--urls=http://127.0.0.1:0", $"--EasyTask:Database={databaseSetting}", "--Serilog:MinimumLevel:Default=Warning", .. extra],
            CancellationToken.None);
        var address = app.Urls.Single();
        var scheduler = new RunningScheduler(app, new Uri(address + "/"));
        scheduler.AdminToken = await TestTokens.AuthorizeAsync(app.Services, scheduler.Http, scheduler.Url);
        return scheduler;
    }

    /// <summary>A client of this scheduler carrying a new token of <paramref name="role"/>, optionally limited to owners and hosts.</summary>
    public async Task<HttpClient> ClientAsync(string role, IReadOnlyList<string>? owners = null, IReadOnlyList<string>? hosts = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", await TestTokens.CreateAsync(app.Services, role, owners, hosts));
        return client;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;

    /// <summary>Polls the task's runs until one satisfies the condition (returned with its timeline), or fails the test after the timeout.</summary>
    public async Task<RunResource> WaitForRunAsync(string task, Func<RunResource, bool> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        List<RunResource> runs = [];
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            runs = await Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={task}", ApiJson.Options) ?? [];
            if (runs.FirstOrDefault(condition) is { } run)
            {
                return (await Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options))!;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"no run of {task} reached the expected state within {timeout}; runs: {string.Join("; ", runs.Select(r => $"{r.RunId} {r.Status} {r.Reason} attempt {r.Attempt}"))}");
        throw new InvalidOperationException("unreachable");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        TestTokens.Forget(Url);
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
