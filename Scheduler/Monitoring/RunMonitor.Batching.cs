using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

internal sealed partial class RunMonitor
{
    /// <summary>
    /// Runs <paramref name="work"/> with monitoring's writes (timeline events, classifications, failed-list entries)
    /// collected, then writes them in one transaction, in the order they were made: what many recorded agent events
    /// set in motion costs one commit instead of one per event. Nothing in the work may read back those writes; the
    /// live stream and alerts do not need to (alerts are raised directly, the stream is rung at the write).
    /// </summary>
    public async Task BatchedAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var pending = new MonitoringBatch();

        // Scoped to this method's flow: the value ends with it, whatever work does.
        store.Batch = pending;
        try
        {
            await work();
        }
        finally
        {
            await WriteAsync(pending, close: true, cancellationToken);
        }
    }

    /// <summary>
    /// Runs work that writes a run's status moves itself (the lifecycle door, for a retry or a run that changed
    /// meanwhile) outside the batch: what was collected so far is written first and the work's own monitoring
    /// writes go at once, so each run's timeline keeps the order in which things happened.
    /// </summary>
    public async Task UnbatchedAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (store.Batch is { } open)
        {
            await WriteAsync(open, close: false, cancellationToken);
            store.Batch = null;
        }

        await work();
    }

    private async Task WriteAsync(MonitoringBatch pending, bool close, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var failure in await store.WriteAsync(pending, close, cancellationToken))
            {
                LogFailed(log, failure.Error, failure.RunId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBatchFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitoring could not record what a batch of agent events set in motion; the runs themselves are unaffected")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);
}
