using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;
using MassTransit;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// The agent's queue <c>agent.&lt;name&gt;</c>: run a task, kill a run, or say where runs stand; only when it came from
/// the scheduler (see <see cref="AgentBusTrust"/>).
/// </summary>
internal sealed partial class AgentCommandsConsumer(
    RunSupervisor supervisor, BusEventSink sink, AgentNames names, AgentBusTrust trust, RefusalThrottle throttle, TimeProvider time, ILogger<AgentCommandsConsumer> log)
    : IConsumer<RunTask>, IConsumer<CancelRun>, IConsumer<AskRuns>
{
    public Task Consume(ConsumeContext<RunTask> context) =>
        Admitted(context, "RunTask", context.Message.RunId) ? supervisor.AcceptAsync(context.Message, context.CancellationToken) : Task.CompletedTask;

    public Task Consume(ConsumeContext<CancelRun> context) =>
        Admitted(context, "CancelRun", context.Message.RunId) ? supervisor.CancelAsync(context.Message, context.CancellationToken) : Task.CompletedTask;

    public async Task Consume(ConsumeContext<AskRuns> context)
    {
        var question = context.Message;
        if (!Admitted(context, "AskRuns", "-") || !names.All.Contains(question.Host, StringComparer.Ordinal))
        {
            return;
        }

        var runs = await supervisor.WhereaboutsAsync(question.Runs, context.CancellationToken);
        await sink.AnswerAsync(
            new RunsAnswer { QuestionId = question.QuestionId, Host = question.Host, Runs = runs, At = time.GetUtcNow(), ReplyTo = question.ReplyTo },
            context.CancellationToken);
    }

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
