using System.Globalization;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>
/// A scheduler (serve, SQLite) and an agent talking over the run's real RabbitMQ broker, with a folder of its own.
/// Dispatch timeouts are short so lost agents and unacknowledged runs show within seconds.
/// </summary>
internal sealed class EndToEndFixture : IAsyncDisposable
{
    private EndToEndFixture(RunningScheduler scheduler, RabbitMqServer broker, DirectoryInfo folder, string agentName, string agentBusUrl)
    {
        AgentBusUrl = agentBusUrl;
        Scheduler = scheduler;
        Broker = broker;
        Folder = folder;
        AgentName = agentName;
    }

    public RunningScheduler Scheduler { get; }

    public RabbitMqServer Broker { get; }

    public DirectoryInfo Folder { get; }

    public string AgentName { get; }

    /// <summary>Where the fixture's agent connects: as its own broker user, as the scheduler requires.</summary>
    public string AgentBusUrl { get; }

    public static async Task<EndToEndFixture> StartAsync()
    {
        var broker = await RabbitMqServer.GetAsync();
        var folder = Directory.CreateTempSubdirectory("easytask-e2e-");
        var scheduler = await RunningScheduler.StartAsync(
            await TestDatabases.CreateAsync(TestDatabases.Sqlite),
            $"--EasyTask:Bus={broker.AmqpUrl}",
            "--EasyTask:Dispatch:AgentTimeout=00:00:06",
            "--EasyTask:Dispatch:AcknowledgeTimeout=00:00:05",
            "--EasyTask:Dispatch:WatchInterval=00:00:01");
        var agentName = $"e2e-{Guid.NewGuid():N}"[..16];
        return new EndToEndFixture(scheduler, broker, folder, agentName, await broker.AgentUrlAsync(agentName));
    }

    /// <summary>
    /// A definition for this fixture's agent, due a few seconds from now (cron with seconds, UTC): 8 s by default, as
    /// on a loaded machine the insert alone can take longer than 3 s, and a missed second means the next day.
    /// </summary>
    public string Definition(long tid, string name, string cmd, string extra = "", int inSeconds = 8)
    {
        var due = TimeProvider.System.GetUtcNow().AddSeconds(inSeconds);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} * * *");
        var quoted = System.Text.Json.JsonSerializer.Serialize(cmd);
        return $$"""{"tid": {{tid}}, "name": "{{name}}", "cmd": {{quoted}}, "run_on_host": "{{AgentName}}", "cron": "{{cron}}", "timezone": "UTC"{{extra}}}""";
    }

    public async Task InsertAsync(string json)
    {
        using var response = await Scheduler.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    public Task<RunResource> WaitForRunAsync(string task, Func<RunResource, bool> condition, TimeSpan timeout) =>
        Scheduler.WaitForRunAsync(task, condition, timeout);

    public static IEnumerable<string> Statuses(RunResource run) => run.Events!.Select(e => e.To);

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync();
        try
        {
            Folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed task's files may still be held for a moment; the OS cleans /tmp.
        }
    }
}
