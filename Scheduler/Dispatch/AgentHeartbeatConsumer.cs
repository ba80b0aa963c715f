using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's heartbeat queue <c>easytask.heartbeats</c>: apart from the run events, so however many
/// outputs and results wait on <c>easytask.scheduler</c>, a live agent is heard from on time. A heartbeat counts
/// only from the agent it names (see <see cref="AgentEventAuthenticity"/>).
/// </summary>
internal sealed class AgentHeartbeatConsumer(AgentRegistry agents, AgentEventAuthenticity authenticity, SlotQueue slots) : IConsumer<AgentHeartbeat>
{
    public async Task Consume(ConsumeContext<AgentHeartbeat> context)
    {
        if (!authenticity.AdmitsHeartbeat(context, context.Message.Host))
        {
            return;
        }

        await agents.HeardAsync(context.Message, context.CancellationToken);

        // The capacity may be new (an agent just started) or its runs may have ended unseen: fill its free slots.
        slots.Request();
    }
}
