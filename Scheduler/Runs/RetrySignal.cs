namespace EasyTask.Scheduler.Runs;

/// <summary>Tells <see cref="RetryWake"/> that a retry was scheduled, so it looks at the database again now (an in-memory nudge only: the time is in the row).</summary>
internal sealed class RetrySignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Scheduled() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Scheduled"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref next).Task;
}
