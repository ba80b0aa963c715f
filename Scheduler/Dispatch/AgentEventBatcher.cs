using System.Threading.Channels;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// Records agent events at the speed of the bus: whatever arrived while the last batch was written goes into the
/// next one, written in one transaction (one commit, one fsync), in order per run. The broker message of each event
/// is acknowledged only after its batch committed, so a scheduler killed mid-batch gets the whole batch again and
/// the guarded transitions record each event exactly once. A batch that fails is retried event by event, so one
/// bad event cannot hold back the others.
/// </summary>
internal sealed partial class AgentEventBatcher(
    RunEventBatches batches,
    RunLifecycle lifecycle,
    RunOutputSink output,
    Monitoring.RunMonitor monitor,
    PendingAgentEvents received,
    ILogger<AgentEventBatcher> log) : BackgroundService
{
    /// <summary>At most this many events per transaction.</summary>
    public const int MaxBatch = 512;

    private readonly Channel<PendingEvent> queue = Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the event for the next batch; completes once it is committed.</summary>
    public Task SubmitAsync(object message, CancellationToken cancellationToken)
    {
        var pending = new PendingEvent(message);
        Track(pending);
        if (!queue.Writer.TryWrite(pending))
        {
            Settle(pending);
            throw new InvalidOperationException("the scheduler is stopping; the event stays with the broker");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingEvent>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await ProcessAsync(InRunOrder(batch), stoppingToken);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps arrival order between runs, and puts each run's events in lifecycle order (accepted, started, output,
    /// finished): events consumed concurrently may reach the channel a little out of order.
    /// </summary>
    internal static List<PendingEvent> InRunOrder(List<PendingEvent> batch)
    {
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            firstSeen.TryAdd(RunIdOf(batch[i].Message), i);
        }

        return [.. batch.Select((e, i) => (e, i)).OrderBy(x => firstSeen[RunIdOf(x.e.Message)]).ThenBy(x => Rank(x.e.Message)).ThenBy(x => x.i).Select(x => x.e)];
    }

    private static string RunIdOf(object message) => message switch
    {
        RunAccepted m => m.RunId,
        RunStarted m => m.RunId,
        RunOutput m => m.RunId,
        RunFinished m => m.RunId,
        _ => "",
    };

    private static int Rank(object message) => message switch
    {
        RunAccepted => 0,
        RunStarted => 1,
        RunOutput => 2,
        _ => 3,
    };

    private async Task ProcessAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        PendingAgentEvents.EnterRecorder();
        if (WriteDelay > TimeSpan.Zero)
        {
            await Task.Delay(WriteDelay, cancellationToken);
        }

        List<Func<Task>> after;
        try
        {
            after = await WriteAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogBatchFailed(log, batch.Count, ex.Message);
            await OneByOneAsync(batch, cancellationToken);
            return;
        }

        batch.ForEach(Settle);

        // Committed: what the moves set in motion (log lines, retries, dependents), then the acknowledgements. The
        // timeline events, classifications and failed-list entries of the whole batch are written in one transaction.
        await monitor.BatchedAsync(() => AfterCommitAsync(after), cancellationToken);
        batch.ForEach(p => p.Done.TrySetResult());
    }

    private async Task AfterCommitAsync(List<Func<Task>> after)
    {
        foreach (var step in after)
        {
            try
            {
                await step();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAfterCommitFailed(log, ex);
            }
        }
    }

    private async Task OneByOneAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var pending in batch)
        {
            try
            {
                await (pending.Message switch
                {
                    RunAccepted m => lifecycle.AcceptedAsync(m, cancellationToken),
                    RunStarted m => lifecycle.StartedAsync(m, cancellationToken),
                    RunOutput m => output.AppendAsync(m, cancellationToken),
                    RunFinished m => lifecycle.FinishedAsync(m, cancellationToken),
                    _ => Task.CompletedTask,
                });
                Settle(pending);
                pending.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                // Not acknowledged: the broker delivers it again.
                Settle(pending);
                pending.Done.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} agent events in one transaction failed ({Problem}); recording them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "A recorded agent event's follow-up failed; the periodic re-check picks it up")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception);
}
