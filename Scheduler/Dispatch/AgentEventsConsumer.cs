using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's queue: every event agents send arrives here and joins the next batch of
/// <see cref="AgentEventBatcher"/>; the message is acknowledged to the broker only once that batch committed.
/// </summary>
internal sealed class AgentEventsConsumer(AgentEventBatcher batcher, AgentRegistry agents) :
    IConsumer<RunAccepted>,
    IConsumer<RunStarted>,
    IConsumer<RunOutput>,
    IConsumer<RunFinished>,
    IConsumer<AgentHeartbeat>
{
    public Task Consume(ConsumeContext<RunAccepted> context) => batcher.SubmitAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunStarted> context) => batcher.SubmitAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunOutput> context) => batcher.SubmitAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunFinished> context) => batcher.SubmitAsync(context.Message, context.CancellationToken);

    /// <summary>Heartbeats of agents from before the heartbeat queue existed; current agents use <see cref="AgentHeartbeatConsumer"/>.</summary>
    public Task Consume(ConsumeContext<AgentHeartbeat> context) => agents.HeardAsync(context.Message, context.CancellationToken);
}
