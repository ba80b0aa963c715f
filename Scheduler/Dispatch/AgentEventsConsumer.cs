using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>The scheduler's queue: every event agents send arrives here and is handed to the run logic.</summary>
internal sealed class AgentEventsConsumer(RunLifecycle lifecycle, RunOutputSink output, AgentRegistry agents) :
    IConsumer<RunAccepted>,
    IConsumer<RunStarted>,
    IConsumer<RunOutput>,
    IConsumer<RunFinished>,
    IConsumer<AgentHeartbeat>
{
    public Task Consume(ConsumeContext<RunAccepted> context) => lifecycle.AcceptedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunStarted> context) => lifecycle.StartedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunOutput> context) => output.AppendAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunFinished> context) => lifecycle.FinishedAsync(context.Message, context.CancellationToken);

    /// <summary>Heartbeats of agents from before the heartbeat queue existed; current agents use <see cref="AgentHeartbeatConsumer"/>.</summary>
    public Task Consume(ConsumeContext<AgentHeartbeat> context) => agents.HeardAsync(context.Message, context.CancellationToken);
}
