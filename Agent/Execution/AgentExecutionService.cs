using Microsoft.Extensions.Hosting;

namespace EasyTask.Agent.Execution;

/// <summary>Starts the execution core with the host (journal recovery, run slots) and stops it with the host.</summary>
internal sealed class AgentExecutionService(RunSupervisor supervisor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => supervisor.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => supervisor.StopAsync(cancellationToken);
}
