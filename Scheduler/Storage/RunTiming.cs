namespace EasyTask.Scheduler.Storage;

/// <summary>
/// One run's times for the scale benchmark: when it was due, when its process started and ended (agent clock),
/// and when the scheduler recorded its last transition (<see cref="RecordedAt"/>).
/// </summary>
internal sealed record RunTiming(long ScheduledFor, long? StartedAt, long? FinishedAt, string Status, string? Reason, long? RecordedAt);
