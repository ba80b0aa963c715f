using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;
using MassTransit;

namespace EasyTask.Agent.Messaging;

/// <summary>The agent's queue <c>agent.&lt;name&gt;</c>: run a task, or kill a run.</summary>
internal sealed class AgentCommandsConsumer(RunSupervisor supervisor) : IConsumer<RunTask>, IConsumer<CancelRun>
{
    public Task Consume(ConsumeContext<RunTask> context) => supervisor.AcceptAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<CancelRun> context) => supervisor.CancelAsync(context.Message, context.CancellationToken);
}
