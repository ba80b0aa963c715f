using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Messaging;

/// <summary>MassTransit against the test run's own RabbitMQ broker, the way scheduler and agents will talk.</summary>
[Category("Integration")]
internal sealed class RabbitMqBrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // MassTransit retries a lost connection on an exponential schedule, 3 s to 30 s apart.
    private static readonly TimeSpan ReconnectPatience = TimeSpan.FromSeconds(40);

    [Test]
    public async Task Send_ReachesTheConsumerOfTheAgentQueue_OnTheRunsRabbitMqBroker()
    {
        var server = await RabbitMqServer.GetAsync();
        await using var bus = await TestBus.StartAsync(server.AmqpUrl, Patience);
        var runId = Guid.NewGuid();

        var endpoint = await bus.SendEndpointAsync(TestBus.AgentQueue);
        await endpoint.Send(new PingAgent(runId, "hello"));

        var received = await bus.Received.For(runId).WaitAsync(Patience);
        Assert.That(received, Is.EqualTo(new PingAgent(runId, "hello")));
    }

    /// <summary>
    /// What MassTransit 8.5.12 does while the broker is down, as this test shows: a send neither fails nor returns.
    /// It waits for the connection to come back, with no time limit of its own, so only the caller's cancellation
    /// token bounds it; a cancelled send throws <see cref="OperationCanceledException"/> and its message is never
    /// delivered. Once the broker is back the bus reconnects by itself, on MassTransit's own retry schedule (3 s
    /// between attempts at first, growing to 30 s): then the waiting send completes and its message arrives, later
    /// sends go through and the consumer resumes. On a 2-core machine that took 0 to 9 s after the restart.
    /// </summary>
    [Test]
    public async Task Bus_ReconnectsByItself_WhenTheRabbitMqBrokerRestarts()
    {
        var server = await RabbitMqServer.GetAsync();
        await using var bus = await TestBus.StartAsync(server.AmqpUrl, Patience);
        var endpoint = await bus.SendEndpointAsync(TestBus.AgentQueue);
        var before = Guid.NewGuid();
        await endpoint.Send(new PingAgent(before, "before the restart"));
        await bus.Received.For(before).WaitAsync(Patience);

        var waiting = Guid.NewGuid();
        var abandoned = Guid.NewGuid();
        Task waitingSend;
        await server.StopBrokerAsync();
        try
        {
            waitingSend = endpoint.Send(new PingAgent(waiting, "sent while the broker is down"));
            using var shortWait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Assert.ThatAsync(
                () => endpoint.Send(new PingAgent(abandoned, "given up while the broker is down"), shortWait.Token),
                Throws.InstanceOf<OperationCanceledException>());
            Assert.That(waitingSend.IsCompleted, Is.False, "a send while the broker is down waits for it");
        }
        finally
        {
            // The other tests need the broker back, whatever happened here.
            await server.StartBrokerAsync();
        }

        var after = Guid.NewGuid();
        await endpoint.Send(new PingAgent(after, "after the restart")).WaitAsync(Patience);
        await waitingSend.WaitAsync(Patience);
        var received = await Task.WhenAll(bus.Received.For(waiting), bus.Received.For(after)).WaitAsync(ReconnectPatience);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Select(m => m.Text), Is.EquivalentTo(new[] { "sent while the broker is down", "after the restart" }));
            Assert.That(bus.Received.Has(abandoned), Is.False, "a cancelled send is not delivered later");
        }
    }

    [Test]
    public async Task AgentQueue_KeepsAMessageSentWithNoConsumer_AcrossARabbitMqBrokerRestart()
    {
        var server = await RabbitMqServer.GetAsync();

        // The consuming bus declares the durable queue and goes away, as an agent that is down would.
        await (await TestBus.StartAsync(server.AmqpUrl, Patience)).DisposeAsync();
        var runId = Guid.NewGuid();
        await using (var sender = await TestBus.StartAsync(server.AmqpUrl, Patience, consume: false))
        {
            var endpoint = await sender.SendEndpointAsync(TestBus.AgentQueue);
            await endpoint.Send(new PingAgent(runId, "kept by the broker"));
        }

        await server.StopBrokerAsync();
        await server.StartBrokerAsync();

        await using var agent = await TestBus.StartAsync(server.AmqpUrl, Patience);
        var received = await agent.Received.For(runId).WaitAsync(Patience);
        Assert.That(received.Text, Is.EqualTo("kept by the broker"));
    }
}
