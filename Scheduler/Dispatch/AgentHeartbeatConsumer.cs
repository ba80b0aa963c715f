using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's heartbeat queue <c>easytask.heartbeats</c>: apart from the run events, so however many
/// outputs and results wait on <c>easytask.scheduler</c>, a live agent is heard from on time.
/// </summary>
internal sealed class AgentHeartbeatConsumer(AgentRegistry agents) : IConsumer<AgentHeartbeat>
{
    public Task Consume(ConsumeContext<AgentHeartbeat> context) => agents.HeardAsync(context.Message, context.CancellationToken);
}
