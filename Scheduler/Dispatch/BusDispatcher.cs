using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>Sends a run in TRIGGER to its agent's queue <c>agent.&lt;host&gt;</c> as a <see cref="RunTask"/>.</summary>
internal sealed class BusDispatcher(ISendEndpointProvider endpoints, DispatchLedger ledger, TimeProvider time, ILogger<BusDispatcher> log) : IRunDispatcher
{
    public async Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        // Logged before the send: on the in-memory bus the agent's "Task Received" can come before Send returns.
        var again = ledger.Sent(run.RunId, run.Attempt);
        RunLog.Dispatched(log, run.RunId, run.TaskName, run.Host, run.Attempt, again ? " (sent again: no acknowledgement yet)" : "");
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{QueueNames.Agent(run.Host)}"));
        await endpoint.Send(
            new RunTask
            {
                RunId = run.RunId,
                Attempt = run.Attempt,
                Task = run.TaskName,
                Host = run.Host,
                Cmd = definition.Cmd,
                TaskOwner = definition.TaskOwner,
                WorkingDir = definition.WorkingDir,
                Env = definition.Env,
                MaxRunTime = definition.MaxRunTime,
                Stdout = definition.Stdout,
                Stderr = definition.Stderr,
                SentAt = time.GetUtcNow(),
            },
            cancellationToken);
    }
}
