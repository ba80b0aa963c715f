namespace EasyTask.Scheduler.Dispatch;

/// <summary>One agent event waiting for its batch: the consumer holds the broker message until <see cref="Done"/> completes.</summary>
internal sealed class PendingEvent(object message)
{
    public object Message { get; } = message;

    /// <summary>Completes once the event is committed (and what it set in motion has run); faults when it was not.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the event's batch is committed (or the event was given up on), before the follow-ups run.</summary>
    public TaskCompletionSource Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
