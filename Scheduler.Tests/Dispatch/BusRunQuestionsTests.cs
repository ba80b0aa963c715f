using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Dispatch;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Tests.Dispatch;

/// <summary>
/// Questions to agents over a real RabbitMQ; the agent is played by a bus that answers every question with "ended", or
/// never. Two schedulers of a cluster share the heartbeat queue, so an agent's answer to one scheduler's question often
/// reaches the other: it must be passed on, or the asker decides its skips on what is recorded.
/// </summary>
[Category("Integration")]
internal sealed class BusRunQuestionsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset EndedAt = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly string host = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string heartbeats = "easytask.heartbeats.test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<IBusControl> buses = [];

    [TearDown]
    public async Task StopBuses()
    {
        foreach (var bus in buses)
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task EndedAsync_HearsEveryAnswer_WhenTheOtherSchedulerTakesSomeOffTheSharedHeartbeatQueue()
    {
        var server = await RabbitMqServer.GetAsync();
        BusRunQuestions asker = null!;
        BusRunQuestions other = null!;
        var takenByOther = 0;
        var askerBus = await StartAsync(server.AmqpUrl, cfg => cfg.ReceiveEndpoint(heartbeats, e => e.Handler<RunsAnswer>(c => asker.AnsweredAsync(c.Message, c))));
        var otherBus = await StartAsync(server.AmqpUrl, cfg => cfg.ReceiveEndpoint(heartbeats, e => e.Handler<RunsAnswer>(c =>
        {
            Interlocked.Increment(ref takenByOther);
            return other.AnsweredAsync(c.Message, c);
        })));
        await StartAsync(server.AmqpUrl, cfg => cfg.ReceiveEndpoint(QueueNames.Agent(host), e => e.Handler<AskRuns>(AnswerEndedAsync)));
        asker = new BusRunQuestions(askerBus, await AgentRegistryAsync(), TimeProvider.System, NullLogger<BusRunQuestions>.Instance);
        other = new BusRunQuestions(otherBus, await AgentRegistryAsync(), TimeProvider.System, NullLogger<BusRunQuestions>.Instance);

        var heard = 0;
        for (var question = 0; question < 20; question++)
        {
            var ended = await asker.EndedAsync([Running($"run-{question}")], CancellationToken.None);
            heard += ended.TryGetValue($"run-{question}", out var at) && at == EndedAt ? 1 : 0;
        }

        Assert.That(takenByOther, Is.GreaterThan(0), "the broker handed some answers to the other scheduler");
        Assert.That(heard, Is.EqualTo(20), "every answer reached the scheduler that asked");
    }

    [Test]
    public async Task EndedAsync_AsksASilentAgentOnce_WhileItStaysQuiet()
    {
        var server = await RabbitMqServer.GetAsync();
        var asked = 0;
        var askerBus = await StartAsync(server.AmqpUrl, _ => { });
        await StartAsync(server.AmqpUrl, cfg => cfg.ReceiveEndpoint(QueueNames.Agent(host), e => e.Handler<AskRuns>(_ =>
        {
            Interlocked.Increment(ref asked);
            return Task.CompletedTask;
        })));
        var asker = new BusRunQuestions(askerBus, await AgentRegistryAsync(), TimeProvider.System, NullLogger<BusRunQuestions>.Instance);

        var first = await asker.EndedAsync([Running("run-1")], CancellationToken.None);
        var second = await asker.EndedAsync([Running("run-2")], CancellationToken.None);

        Assert.That((first.Count, second.Count, asked), Is.EqualTo((0, 0, 1)), "no answer means what is recorded stands, and the silent agent is not asked again at once");
    }

    private Task AnswerEndedAsync(ConsumeContext<AskRuns> context) =>
        context.Send(new Uri($"queue:{heartbeats}"), new RunsAnswer
        {
            QuestionId = context.Message.QuestionId,
            Host = context.Message.Host,
            Runs = [.. context.Message.Runs.Select(r => new RunWhereabouts(r.RunId, r.Attempt, RunWhereabouts.Ended, EndedAt))],
            ReplyTo = context.Message.ReplyTo,
        });

    private async Task<IBusControl> StartAsync(string amqpUrl, Action<IRabbitMqBusFactoryConfigurator> configure)
    {
        var settings = BusSettings.Parse(amqpUrl);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(settings.Host!, h =>
            {
                h.Username(settings.User);
                h.Password(settings.Password);
            });
            configure(cfg);
        });
        buses.Add(bus);
        using var deadline = new CancellationTokenSource(Patience);
        await bus.StartAsync(deadline.Token);
        return bus;
    }

    private async Task<AgentRegistry> AgentRegistryAsync()
    {
        var registry = new AgentRegistry(new NoAgentStore(), new AlwaysUpLink(), TimeProvider.System, Options.Create(new DispatchOptions()));
        await registry.HeardAsync(new AgentHeartbeat { Host = host, Version = "test", AnswersAskRuns = true, At = TimeProvider.System.GetUtcNow() }, CancellationToken.None);
        return registry;
    }

    private RunRecord Running(string runId) =>
        new(runId, 1, "tick", EndedAt.AddMinutes(-1), RunStatus.Running, null, 1, null, host, false, EndedAt.AddMinutes(-1), EndedAt.AddMinutes(-1), null, 1);

    private sealed class NoAgentStore : IAgentStore
    {
        public Task SaveAsync(AgentRecord agent, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AgentRecord>>([]);
    }
}
