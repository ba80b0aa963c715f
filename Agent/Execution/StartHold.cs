namespace EasyTask.Agent.Execution;

/// <summary>
/// Where a run sent ahead of its scheduled instant (<see cref="Contracts.Messages.RunTask.StartAt"/>) waits, accepted and
/// with its output files open, so its process starts at the instant instead of a pipeline's length after it. The wait
/// is capped by <c>MaxStartHold</c>, and a stop request (kill, agent shutdown) ends it at once.
/// </summary>
internal static class StartHold
{
    /// <summary>Waits until <paramref name="startAt"/>, never less (at most <paramref name="cap"/>); false when a stop came first.</summary>
    public static async Task<bool> WaitAsync(DateTimeOffset? startAt, TimeSpan cap, TimeProvider time, CancellationToken stopRequested, CancellationToken agentStopping)
    {
        var now = time.GetUtcNow();
        var ahead = startAt is { } at ? at - now : TimeSpan.Zero;
        if (ahead <= TimeSpan.Zero)
        {
            return !stopRequested.IsCancellationRequested && !agentStopping.IsCancellationRequested;
        }

        var until = now + (ahead < cap ? ahead : cap);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopRequested, agentStopping);
        try
        {
            // Timers count whole milliseconds on a different clock: wait again for what is left, so a process never starts
            // before its instant (a start at 07:59:59.999 for an 08:00 task would read as a wrong schedule).
            for (var left = until - time.GetUtcNow(); left > TimeSpan.Zero; left = until - time.GetUtcNow())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), time, stop.Token);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
