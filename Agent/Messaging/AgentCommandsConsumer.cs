using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;
using MassTransit;

namespace EasyTask.Agent.Messaging;

/// <summary>The agent's queue <c>agent.&lt;name&gt;</c>: run a task, or kill a run; only when it came from the scheduler (see <see cref="AgentBusTrust"/>).</summary>
internal sealed partial class AgentCommandsConsumer(RunSupervisor supervisor, AgentBusTrust trust, RefusalThrottle throttle, ILogger<AgentCommandsConsumer> log)
    : IConsumer<RunTask>, IConsumer<CancelRun>
{
    public Task Consume(ConsumeContext<RunTask> context) =>
        Admitted(context, "RunTask", context.Message.RunId) ? supervisor.AcceptAsync(context.Message, context.CancellationToken) : Task.CompletedTask;

    public Task Consume(ConsumeContext<CancelRun> context) =>
        Admitted(context, "CancelRun", context.Message.RunId) ? supervisor.CancelAsync(context.Message, context.CancellationToken) : Task.CompletedTask;

    private bool Admitted(ConsumeContext context, string kind, string runId)
    {
        if (trust.Refusal(context) is not { } reason)
        {
            return true;
        }

        if (throttle.Allow(out var suppressed))
        {
            LogRefused(log, kind, runId, reason, suppressed);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command refused and dropped: {Kind} for run {RunId}: {Reason} ({Suppressed} more refusals not logged since the last line)")]
    private static partial void LogRefused(ILogger logger, string kind, string runId, string reason, long suppressed);
}
