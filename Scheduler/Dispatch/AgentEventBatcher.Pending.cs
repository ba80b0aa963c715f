namespace EasyTask.Scheduler.Dispatch;

internal sealed partial class AgentEventBatcher
{
    /// <summary>A test seam: holds each batch this long before it is written, as a recorder far behind the bus would.</summary>
    internal TimeSpan WriteDelay { get; set; }

    private void Track(PendingEvent pending) => received.Received(RunIdOf(pending.Message), pending.Settled.Task);

    private void Settle(PendingEvent pending)
    {
        pending.Settled.TrySetResult();
        received.Settled(RunIdOf(pending.Message), pending.Settled.Task);
    }
}
