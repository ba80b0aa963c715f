namespace EasyTask.Scheduler.Scheduling;

/// <summary>The clock's news: task <see cref="Tid"/> is due for the occurrence at <see cref="ScheduledFor"/>.</summary>
internal sealed record DueOccurrence(long Tid, DateTimeOffset ScheduledFor);
