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
        return new RunningScheduler(app, new Uri(address + "/"));
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
