using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Messaging;

/// <summary>
/// The agent's view of its command queue's consumer (<see cref="MassTransitCommandQueueLink"/>) against the run's real
/// RabbitMQ: what <c>CommandQueueWatch</c> reads, and the bus restart it does when the consumer is stuck.
/// </summary>
[Category("Integration")]
internal sealed class CommandQueueLinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task RestartAsync_ConsumesAndSendsAgain_ThroughTheSameEndpointProvider()
    {
        var server = await RabbitMqServer.GetAsync();
        var names = new AgentNames($"link-{Guid.NewGuid():N}"[..17], []);
        var queue = QueueNames.Agent(names.Name);
        await using var services = Build(server.AmqpUrl, queue);
        var bus = services.GetRequiredService<IBusControl>();
        var received = services.GetRequiredService<ReceivedPings>();
        await using var link = new MassTransitCommandQueueLink(bus, names, BusSettings.Parse(server.AmqpUrl));
        Assert.That(await link.ConsumingAsync(CancellationToken.None), Is.False, "a bus not started consumes nothing");

        await bus.StartAsync(new CancellationTokenSource(Patience).Token);
        await WaitUntilAsync(() => link.ConsumingAsync(CancellationToken.None));

        // The provider outlives the restart, as the agent's event sink holds it.
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>();
        var before = await provider.GetSendEndpoint(new Uri($"queue:{queue}"));
        var first = Guid.NewGuid();
        await before.Send(new PingAgent(first, "before the restart"));
        await received.For(first).WaitAsync(Patience);

        await link.RestartAsync(CancellationToken.None);
        await WaitUntilAsync(() => link.ConsumingAsync(CancellationToken.None));

        // The agent's event sink asks the provider for the endpoint at every send, as here.
        var after = Guid.NewGuid();
        await (await provider.GetSendEndpoint(new Uri($"queue:{queue}"))).Send(new PingAgent(after, "after the restart")).WaitAsync(Patience);
        var received2 = await received.For(after).WaitAsync(Patience);

        Assert.That(received2.Text, Is.EqualTo("after the restart"));
        await bus.StopAsync(TimeSpan.FromSeconds(15));
    }

    private static ServiceProvider Build(string amqpUrl, string queue)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ReceivedPings>();
        collection.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.AddConsumer<PingAgentConsumer>();
            x.UsingRabbitMq((context, rabbit) =>
            {
                var settings = BusSettings.Parse(amqpUrl);
                rabbit.Host(settings.Host!, host =>
                {
                    host.Username(settings.User);
                    host.Password(settings.Password);
                });
                rabbit.ReceiveEndpoint(queue, endpoint => endpoint.ConfigureConsumer<PingAgentConsumer>(context));
            });
        });
        return collection.BuildServiceProvider(validateScopes: true);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!await condition())
        {
            Assert.That(TimeProvider.System.GetUtcNow(), Is.LessThan(deadline), "the command queue did not report a consumer in time");
            await Task.Delay(200);
        }
    }
}
