namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Rung by the stores each time they commit a row to <c>run_events</c>, so the live stream reads the table at once
/// instead of polling it. In-process only: changes another scheduler instance makes are picked up by the stream's
/// slow fallback poll. Rings coalesce: however many commits happen while the reader is busy, it reads once more.
/// </summary>
internal sealed class RunEventSignal : IDisposable
{
    private readonly SemaphoreSlim rung = new(0, 1);

    /// <summary>Says new events are committed.</summary>
    public void Ring()
    {
        try
        {
            rung.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung and not yet heard: one more read covers this commit too.
        }
    }

    /// <summary>Waits until rung or until <paramref name="timeout"/> passes; true when rung.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => rung.WaitAsync(timeout, cancellationToken);

    public void Dispose() => rung.Dispose();
}
