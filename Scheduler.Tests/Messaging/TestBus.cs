using EasyTask.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Messaging;

/// <summary>
/// A MassTransit bus on RabbitMQ wired the way the product will wire it (AddMassTransit, UsingRabbitMq), with a
/// <see cref="PingAgentConsumer"/> on the agent queue <see cref="AgentQueue"/>.
/// </summary>
internal sealed class TestBus : IAsyncDisposable
{
    /// <summary>The agent queue of a host named test-host, as the scheduler addresses it.</summary>
    public const string AgentQueue = "agent.test-host";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;
    private readonly IBusControl bus;

    private TestBus(ServiceProvider services)
    {
        this.services = services;
        scope = services.CreateAsyncScope();
        bus = services.GetRequiredService<IBusControl>();
        Received = services.GetRequiredService<ReceivedPings>();
    }

    public ReceivedPings Received { get; }

    /// <summary>Builds and starts the bus; returns once its receive endpoint, if it has one, is ready.</summary>
    /// <param name="amqpUrl">The broker, credentials included.</param>
    /// <param name="timeout">How long the start may take.</param>
    /// <param name="consume">Whether to consume the agent queue; a bus that does not only sends.</param>
    public static async Task<TestBus> StartAsync(string amqpUrl, TimeSpan timeout, bool consume = true)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ReceivedPings>();
        collection.AddMassTransit(x =>
        {
            x.AddConsumer<PingAgentConsumer>();
            x.UsingRabbitMq((context, rabbit) =>
            {
                // The product's own reading of an amqp:// URL (EASYTASK_BUS), so the test proves it against a real broker.
                var settings = BusSettings.Parse(amqpUrl);
                rabbit.Host(settings.Host!, host =>
                {
                    host.Username(settings.User);
                    host.Password(settings.Password);
                });
                if (consume)
                {
                    rabbit.ReceiveEndpoint(AgentQueue, endpoint => endpoint.ConfigureConsumer<PingAgentConsumer>(context));
                }
            });
        });

        var testBus = new TestBus(collection.BuildServiceProvider(validateScopes: true));
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await testBus.bus.StartAsync(deadline.Token);
        }
        catch
        {
            await testBus.DisposeAsync();
            throw;
        }

        return testBus;
    }

    /// <summary>The send endpoint of <paramref name="queue"/>, resolved the way a scoped product service would.</summary>
    public Task<ISendEndpoint> SendEndpointAsync(string queue) =>
        scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri($"queue:{queue}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await bus.StopAsync(StopTimeout);
        }
        finally
        {
            await scope.DisposeAsync();
            await services.DisposeAsync();
        }
    }
}
