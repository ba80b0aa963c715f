namespace EasyTask.Scheduler.Alerts;

/// <summary>Wakes the alert dispatcher when this scheduler raised an alert, so an idle scheduler does not poll the database every second.</summary>
internal sealed class AlertSignal : IDisposable
{
    private readonly SemaphoreSlim raised = new(0, 1);

    public void Pulse()
    {
        if (raised.CurrentCount == 0)
        {
            try
            {
                raised.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up covers every alert raised before it is taken.
            }
        }
    }

    /// <summary>Waits for a raise or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => raised.WaitAsync(timeout, cancellationToken);

    public void Dispose() => raised.Dispose();
}
