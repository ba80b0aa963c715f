using MassTransit;

namespace EasyTask.Scheduler.Tests.Messaging;

/// <summary>Hands every <see cref="PingAgent"/> it consumes to the test's <see cref="ReceivedPings"/>.</summary>
internal sealed class PingAgentConsumer(ReceivedPings received) : IConsumer<PingAgent>
{
    public Task Consume(ConsumeContext<PingAgent> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
