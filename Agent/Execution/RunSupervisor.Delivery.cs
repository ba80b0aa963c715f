using EasyTask.Agent.Journal;

namespace EasyTask.Agent.Execution;

internal sealed partial class RunSupervisor
{
    /// <summary>
    /// Sends every undelivered result now; the transport may call it when its connection comes back rather than
    /// wait for the retry timer.
    /// </summary>
    public async Task ResendUndeliveredAsync(CancellationToken cancellationToken)
    {
        foreach (var run in runs.Values.Where(r => r.Entry is { State: JournalState.Finished, Delivered: false }))
        {
            await DeliverAsync(run, cancellationToken);
        }
    }

    /// <summary>Delivers the result; once delivered, the run is kept on disk only (for redeliveries), not in memory.</summary>
    private async Task DeliverAsync(ActiveRun run, CancellationToken cancellationToken, bool answer = false)
    {
        if (await delivery.DeliverAsync(run, cancellationToken, answer) && run.Entry.Delivered)
        {
            runs.TryRemove(new(run.Key, run));
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // The first pass is at once: results kept from before a restart go out as soon as the agent is up.
                await ResendUndeliveredAsync(cancellationToken);
                SweepDelivered();
                await Task.Delay(options.ResultRetryInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
