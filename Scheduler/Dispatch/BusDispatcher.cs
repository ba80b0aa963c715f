using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// Sends a run in TRIGGER to its agent's queue <c>agent.&lt;host&gt;</c> as a <see cref="RunTask"/>. A send gives up after
/// <see cref="SendTimeout"/> (the broker is down or restarting), and for as long again no send is tried: the run stays
/// in TRIGGER and the run watch sends it again once it has gone unacknowledged. So a broker outage never holds up the
/// clock's run creation behind a queue of sends that each wait for the connection.
/// </summary>
internal sealed partial class BusDispatcher(ISendEndpointProvider endpoints, DispatchLedger ledger, TimeProvider time, ILogger<BusDispatcher> log) : IRunDispatcher
{
    private long quietUntil;

    /// <summary>How long one send may wait for the broker before the run is left to the watch's re-send.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    public async Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        // Logged before the send: on the in-memory bus the agent's "Task Received" can come before Send returns.
        var again = ledger.Sent(run.RunId, run.Attempt);
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref quietUntil))
        {
            LogNotSent(log, run.RunId, run.TaskName, run.Host, run.Attempt, "the broker did not take the last send");
            return;
        }

        RunLog.Dispatched(log, run.RunId, run.TaskName, run.Host, run.Attempt, again ? " (sent again: no acknowledgement yet)" : "");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(SendTimeout);
        try
        {
            // GetSendEndpoint takes no token and waits for the broker's topology: the wait itself is bounded too.
            // A send that completes after all is harmless: the agent refuses an attempt it already has.
            await SendAsync(run, definition, bounded.Token).WaitAsync(SendTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref quietUntil, (time.GetUtcNow() + SendTimeout).UtcTicks);
            LogNotSent(log, run.RunId, run.TaskName, run.Host, run.Attempt, $"the broker did not take it within {SendTimeout.TotalSeconds:0} s");
        }
    }

    private async Task SendAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{QueueNames.Agent(run.Host)}"));
        var now = time.GetUtcNow();
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
                // Sent ahead of its instant (the clock's dispatch lead): the agent starts it at the instant.
                StartAt = run.Attempt == 1 && run.ScheduledFor > now ? run.ScheduledFor : null,
                SentAt = now,
                // The events consumer unfolds them (FoldedReports).
                FoldReports = true,
            },
            cancellationToken);
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Task Not Sent: run {RunId} task {TaskName} host {Host} attempt {Attempt}: {Why}; it stays in TRIGGER and is sent again when unacknowledged")]
    private static partial void LogNotSent(ILogger logger, string runId, string taskName, string host, int attempt, string why);
}
