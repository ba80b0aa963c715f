using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The scheduler's queue: every event agents send arrives here and, once <see cref="AgentEventAuthenticity"/> vouches
/// for its sender, joins the next batch of <see cref="AgentEventBatcher"/>; the message is acknowledged to the broker
/// only once that batch committed. A refused event is acknowledged and dropped.
/// </summary>
internal sealed class AgentEventsConsumer(AgentEventBatcher batcher, AgentRegistry agents, AgentEventAuthenticity authenticity) :
    IConsumer<RunAccepted>,
    IConsumer<RunStarted>,
    IConsumer<RunOutput>,
    IConsumer<RunFinished>,
    IConsumer<AgentHeartbeat>
{
    public async Task Consume(ConsumeContext<RunAccepted> context)
    {
        if (await authenticity.AdmitsAsync(context, context.Message.RunId, context.Message.Host, nameof(RunAccepted)))
        {
            await batcher.SubmitAsync(context.Message, context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<RunStarted> context)
    {
        if (await authenticity.AdmitsAsync(context, context.Message.RunId, context.Message.Host, nameof(RunStarted)))
        {
            await SubmitAsync(FoldedReports.Unfold(context.Message), context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<RunOutput> context)
    {
        if (await authenticity.AdmitsOutputAsync(context, context.Message.RunId))
        {
            await batcher.SubmitAsync(context.Message, context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<RunFinished> context)
    {
        if (await authenticity.AdmitsAsync(context, context.Message.RunId, context.Message.Host, nameof(RunFinished)))
        {
            await SubmitAsync(FoldedReports.Unfold(context.Message), context.CancellationToken);
        }
    }

    // Each report a message stands for joins the batch (in order, so they are recorded in one transaction when they can);
    // the message is acknowledged once all are committed.
    private Task SubmitAsync(IEnumerable<object> reports, CancellationToken cancellationToken) =>
        Task.WhenAll(reports.Select(r => batcher.SubmitAsync(r, cancellationToken)).ToList());

    /// <summary>Heartbeats of agents from before the heartbeat queue existed; current agents use <see cref="AgentHeartbeatConsumer"/>.</summary>
    public Task Consume(ConsumeContext<AgentHeartbeat> context) =>
        authenticity.AdmitsHeartbeat(context, context.Message.Host) ? agents.HeardAsync(context.Message, context.CancellationToken) : Task.CompletedTask;
}
