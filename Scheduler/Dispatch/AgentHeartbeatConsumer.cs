using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's heartbeat queue <c>easytask.heartbeats</c>: apart from the run events, so however many
/// outputs and results wait on <c>easytask.scheduler</c>, a live agent is heard from on time; agents' answers to
/// <see cref="AskRuns"/> come the same way. Both count only from the agent they name (see <see cref="AgentEventAuthenticity"/>).
/// </summary>
internal sealed class AgentHeartbeatConsumer(AgentRegistry agents, AgentEventAuthenticity authenticity, SlotQueue slots, BusRunQuestions questions)
    : IConsumer<AgentHeartbeat>, IConsumer<RunsAnswer>
{
    public Task Consume(ConsumeContext<RunsAnswer> context) =>
        authenticity.AdmitsHeartbeat(context, context.Message.Host, nameof(RunsAnswer)) ? questions.AnsweredAsync(context.Message, context) : Task.CompletedTask;

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
