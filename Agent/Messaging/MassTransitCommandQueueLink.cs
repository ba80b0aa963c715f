using EasyTask.Contracts.Messages;
using MassTransit;

namespace EasyTask.Agent.Messaging;

/// <summary>The command queues' consumers as MassTransit reports them: an endpoint is consuming while its health is Healthy ("ready").</summary>
internal sealed class MassTransitCommandQueueLink(IBusControl bus, AgentNames names) : ICommandQueueLink
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public bool Consuming
    {
        get
        {
            var ready = bus.CheckHealth().Endpoints.Values
                .Where(e => e.Status == BusHealthStatus.Healthy && e.InputAddress is not null)
                .Select(e => e.InputAddress.AbsolutePath.Split('/').LastOrDefault())
                .ToHashSet(StringComparer.Ordinal);
            return names.All.All(name => ready.Contains(QueueNames.Agent(name)));
        }
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            stop.CancelAfter(StopTimeout);
            await bus.StopAsync(stop.Token);
        }

        using var start = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        start.CancelAfter(StartTimeout);
        await bus.StartAsync(start.Token);
    }
}
