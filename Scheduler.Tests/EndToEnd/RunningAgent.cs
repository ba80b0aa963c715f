using EasyTask.Agent.Hosting;
using Microsoft.Extensions.Hosting;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>A real <c>easytask-agent</c> daemon host, in this process, with its own log and journal folders.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    private readonly IHost host;

    private RunningAgent(IHost host, string logs)
    {
        this.host = host;
        LogDirectory = logs;
    }

    public string LogDirectory { get; }

    public static async Task<RunningAgent> StartAsync(string name, string busUrl, string folder)
    {
        var logs = Path.Combine(folder, "logs");
        var host = AgentHost.CreateBuilder(
        [
            "--name", name,
            $"--EASYTASK_BUS={busUrl}",
            $"--EASYTASK_AGENT_LOGS={logs}",
            $"--EASYTASK_AGENT_JOURNAL={Path.Combine(folder, "journal")}",
            "--Logging:LogLevel:Default=Warning",
        ]).Build();
        await host.StartAsync();
        return new RunningAgent(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
