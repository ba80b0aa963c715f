namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Agent events the scheduler has taken in but not yet recorded (the batch recorder's queue). Decisions that judge a
/// previous run by its recorded status (concurrency <c>skip</c> and <c>queue</c>) first wait for that run's pending
/// events, so a run that already ended on its agent is never taken for one still going.
/// </summary>
internal interface IPendingAgentEvents
{
    /// <summary>
    /// Completes once every event already received for these runs is recorded (or given up on after a bounded wait);
    /// true when there was something to wait for, so the caller should read the runs again.
    /// </summary>
    Task<bool> RecordedAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken);
}
