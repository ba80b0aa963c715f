namespace EasyTask.Scheduler.Storage;

/// <summary>
/// One run's times for the scale benchmark: when it was due, when its process started and ended (agent clock),
/// when the scheduler recorded its last transition (<see cref="RecordedAt"/>), and which task's run it was and when it
/// was made (to tell a skip behind a run that had already ended from one behind a run still going).
/// </summary>
internal sealed record RunTiming(long Tid, long CreatedAt, long ScheduledFor, long? StartedAt, long? FinishedAt, string Status, string? Reason, long? RecordedAt);
