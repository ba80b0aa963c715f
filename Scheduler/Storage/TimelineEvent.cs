namespace EasyTask.Scheduler.Storage;

/// <summary>
/// One row of a run's timeline as the monitoring API shows it: a typed event (<c>attempt_failed</c>, ...) or a
/// status move (<c>status_changed</c>, or <c>run_created</c> for the first), with its severity.
/// </summary>
internal sealed record TimelineEvent(
    long Id,
    string RunId,
    int Attempt,
    DateTimeOffset At,
    string Type,
    string Severity,
    string? From,
    string? To,
    string Actor,
    string? Detail);
