using System.Net.Http.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Web;

/// <summary>
/// A real standalone scheduler (in-process agent, SQLite, in-memory bus, watched folder) in a folder of its own,
/// that can be stopped and started again on the same port and database, as an operator's browser would see it.
/// </summary>
internal sealed class ConsoleScheduler : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("easytask-console-").FullName;
    private RunningScheduler? server;
    private int port;

    public string Url => $"http://127.0.0.1:{port}";

    public RunningScheduler Server => server ?? throw new InvalidOperationException("the scheduler is stopped");

    public HttpClient Http => Server.Http;

    public async Task StartAsync()
    {
        string[] urls = port == 0 ? [] : [$"--urls=http://127.0.0.1:{port}"];
        server = await RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(folder, "data", "easytask.db")}",
            [
                $"--{SchedulerHost.StandaloneKey}=true",
                "--EasyTask:Bus=inmemory",
                $"--EasyTask:Watch:Folder={Path.Combine(folder, "tasks")}",
                "--EasyTask:Watch:SettleTime=00:00:00.200",
                $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "data", "agent-logs")}",
                $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "data", "agent-journal")}",
                .. urls,
            ]);
        port = server.BaseAddress.Port;
    }

    public async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }

    /// <summary>Inserts tasks through the API (a JSON array of definitions), one by one.</summary>
    public async Task InsertAsync(string json)
    {
        using var definitions = System.Text.Json.JsonDocument.Parse(json);
        foreach (var definition in definitions.RootElement.EnumerateArray())
        {
            using var response = await Http.PostAsync("api/v1/tasks", new StringContent(definition.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Force-starts a task now; returns its run.</summary>
    public async Task<RunResource> RunAsync(string task)
    {
        using var response = await Http.PostAsync($"api/v1/tasks/{task}/run", null);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RunResource>(ApiJson.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // An agent process still finishing may hold a log file for a moment; the temp folder is harmless.
        }
    }
}
