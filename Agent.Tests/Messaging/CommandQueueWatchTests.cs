using EasyTask.Agent.Hosting;
using EasyTask.Agent.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Agent.Tests.Messaging;

/// <summary>
/// The agent whose command queue lost its consumer after a broker restart, while its heartbeats still went out: the
/// scheduler kept sending it runs that waited in TRIGGER forever (the chaos run's 48 stuck runs of one agent).
/// </summary>
internal sealed class CommandQueueWatchTests
{
    private static readonly TimeSpan Grace = new AgentOptions().CommandQueueGrace;

    [Test]
    public async Task CheckAsync_RestartsTheBus_WhenTheCommandQueueStaysUnconsumedWhileTheBrokerIsReachable()
    {
        var (watch, link, _, time) = Make(brokerUp: true);
        link.Consuming = false;

        await PassAsync(watch, time, Grace);

        Assert.That(link.Restarts, Is.EqualTo(1), "the stuck consumer is brought back");
        link.Consuming = true;
        await PassAsync(watch, time, Grace * 3);
        Assert.That(link.Restarts, Is.EqualTo(1), "a consuming queue is left alone");
    }

    [Test]
    public async Task CheckAsync_LeavesTheBusAlone_WhenTheConsumerReconnectsWithinTheGrace()
    {
        var (watch, link, _, time) = Make(brokerUp: true);
        link.Consuming = false;
        await PassAsync(watch, time, Grace - TimeSpan.FromSeconds(10));

        link.Consuming = true;
        await PassAsync(watch, time, TimeSpan.FromSeconds(20));
        link.Consuming = false;
        await PassAsync(watch, time, Grace - TimeSpan.FromSeconds(10));

        Assert.That(link.Restarts, Is.Zero);
    }

    [Test]
    public async Task CheckAsync_WaitsAWholeGraceAfterTheBrokerIsBack_WhenTheBrokerWasDown()
    {
        var (watch, link, broker, time) = Make(brokerUp: false);
        link.Consuming = false;

        // A long outage: MassTransit retries by itself, restarting the bus would not help.
        await PassAsync(watch, time, Grace * 3);
        Assert.That(link.Restarts, Is.Zero, "no restart while the broker cannot be reached");

        broker.Reached(time.GetUtcNow());
        await PassAsync(watch, time, Grace - TimeSpan.FromSeconds(10));
        Assert.That(link.Restarts, Is.Zero, "MassTransit gets its own reconnect time once the broker is back");

        await PassAsync(watch, time, TimeSpan.FromSeconds(20));
        Assert.That(link.Restarts, Is.EqualTo(1));
    }

    [Test]
    public async Task CheckAsync_TriesAgainAfterAnotherGrace_WhenARestartFails()
    {
        var (watch, link, _, time) = Make(brokerUp: true);
        link.Consuming = false;
        link.FailRestart = true;

        await PassAsync(watch, time, Grace);
        Assert.That(link.Restarts, Is.EqualTo(1));

        link.FailRestart = false;
        await PassAsync(watch, time, Grace);
        Assert.That(link.Restarts, Is.EqualTo(2), "the failed restart is tried again, the watch itself survives");
    }

    private static (CommandQueueWatch Watch, FakeLink Link, BrokerReachability Broker, FakeTimeProvider Time) Make(bool brokerUp)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
        var broker = new BrokerReachability();
        if (brokerUp)
        {
            broker.Reached(time.GetUtcNow());
        }

        var link = new FakeLink();
        var watch = new CommandQueueWatch(link, broker, Microsoft.Extensions.Options.Options.Create(new AgentOptions()), time, NullLogger<CommandQueueWatch>.Instance);
        return (watch, link, broker, time);
    }

    // Looks every watch interval, as the hosted loop does, for the given span (both ends included).
    private static async Task PassAsync(CommandQueueWatch watch, FakeTimeProvider time, TimeSpan span)
    {
        await watch.CheckAsync(CancellationToken.None);
        for (var passed = TimeSpan.Zero; passed < span; passed += CommandQueueWatch.Interval)
        {
            time.Advance(CommandQueueWatch.Interval);
            await watch.CheckAsync(CancellationToken.None);
        }
    }

    private sealed class FakeLink : ICommandQueueLink
    {
        public bool Consuming { get; set; } = true;

        public Task<bool> ConsumingAsync(CancellationToken cancellationToken) => Task.FromResult(Consuming);

        public bool FailRestart { get; set; }

        public int Restarts { get; private set; }

        public Task RestartAsync(CancellationToken cancellationToken)
        {
            Restarts++;
            return FailRestart ? Task.FromException(new InvalidOperationException("the broker refused")) : Task.CompletedTask;
        }
    }
}
