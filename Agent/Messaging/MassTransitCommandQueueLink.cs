using EasyTask.Contracts.Messages;
using MassTransit;
using RabbitMQ.Client;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// The command queues' consumers as MassTransit reports them (an endpoint is consuming while its health is Healthy,
/// "ready") and, on RabbitMQ, as the broker counts them: MassTransit may still call an endpoint ready whose consumer
/// the broker no longer has, so a queue with no consumer at the broker is not consuming either.
/// </summary>
internal sealed class MassTransitCommandQueueLink(IBusControl bus, AgentNames names, BusSettings? broker = null) : ICommandQueueLink, IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;
    private IChannel? channel;

    public async Task<bool> ConsumingAsync(CancellationToken cancellationToken)
    {
        var ready = bus.CheckHealth().Endpoints.Values
            .Where(e => e.Status == BusHealthStatus.Healthy && e.InputAddress is not null)
            .Select(e => e.InputAddress.AbsolutePath.Split('/').LastOrDefault())
            .ToHashSet(StringComparer.Ordinal);
        if (!names.All.All(name => ready.Contains(QueueNames.Agent(name))))
        {
            return false;
        }

        foreach (var name in names.All)
        {
            if (await BrokerConsumersAsync(QueueNames.Agent(name), cancellationToken) == 0)
            {
                return false;
            }
        }

        return true;
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

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        gate.Dispose();
    }

    /// <summary>The broker's count of the queue's consumers (a passive declare), or null when it cannot be asked now.</summary>
    private async Task<uint?> BrokerConsumersAsync(string queue, CancellationToken cancellationToken)
    {
        if (broker is not { InMemory: false, Host: { } host })
        {
            return null;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (channel is not { IsOpen: true })
            {
                await CloseAsync();
                var vhost = Uri.UnescapeDataString(host.AbsolutePath.Trim('/'));
                var factory = new ConnectionFactory
                {
                    HostName = host.Host,
                    Port = host.Port,
                    VirtualHost = vhost.Length == 0 ? "/" : vhost,
                    UserName = broker.User,
                    Password = broker.Password,
                    Ssl = new SslOption { Enabled = broker.Tls, ServerName = host.Host },
                    AutomaticRecoveryEnabled = false,
                    ClientProvidedName = $"easytask-agent {names.Name} (command queue watch)",
                };
                connection = await factory.CreateConnectionAsync(cancellationToken);
                channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            }

            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return declared.ConsumerCount;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Broker down, or the queue not declared yet: MassTransit's own view decides this time.
            await CloseAsync();
            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A connection that broke is closed already.
        }
        finally
        {
            channel = null;
            connection = null;
        }
    }
}
