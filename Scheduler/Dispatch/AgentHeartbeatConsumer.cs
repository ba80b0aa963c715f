using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's heartbeat queue <c>easytask.heartbeats</c>: apart from the run events, so however many
/// outputs and results wait on <c>easytask.scheduler</c>, a live agent is heard from on time.
/// </summary>
internal sealed class AgentHeartbeatConsumer(AgentRegistry agents, SlotQueue slots) : IConsumer<AgentHeartbeat>
{
    public async Task Consume(ConsumeContext<AgentHeartbeat> context)
    {
        await agents.HeardAsync(context.Message, context.CancellationToken);

        // The capacity may be new (an agent just started) or its runs may have ended unseen: fill its free slots.
        slots.Request();
    }
}
