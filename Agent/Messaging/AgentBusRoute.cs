using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// Where an agent sends its events and heartbeats. On RabbitMQ, to the two exchanges the scheduler binds to its
/// queues (an agent's broker user may write to them, but cannot read, purge or delete the scheduler's queues); on
/// the in-process bus, straight to the queues.
/// </summary>
internal sealed record AgentBusRoute(Uri Events, Uri Heartbeats)
{
    public static readonly AgentBusRoute InProcess = new(new Uri($"queue:{QueueNames.Scheduler}"), new Uri($"queue:{QueueNames.Heartbeats}"));

    public static readonly AgentBusRoute RabbitMq = new(new Uri($"exchange:{QueueNames.AgentEvents}"), new Uri($"exchange:{QueueNames.AgentHeartbeats}"));
}
