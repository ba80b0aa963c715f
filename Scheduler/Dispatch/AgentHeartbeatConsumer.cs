using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's heartbeat queue <c>easytask.heartbeats</c>: apart from the run events, so however many
/// outputs and results wait on <c>easytask.scheduler</c>, a live agent is heard from on time. A heartbeat counts
/// only from the agent it names (see <see cref="AgentEventAuthenticity"/>).
/// </summary>
internal sealed class AgentHeartbeatConsumer(AgentRegistry agents, AgentEventAuthenticity authenticity) : IConsumer<AgentHeartbeat>
{
    public Task Consume(ConsumeContext<AgentHeartbeat> context) =>
        authenticity.AdmitsHeartbeat(context, context.Message.Host) ? agents.HeardAsync(context.Message, context.CancellationToken) : Task.CompletedTask;
}
