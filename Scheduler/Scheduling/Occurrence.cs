namespace EasyTask.Scheduler.Scheduling;

/// <summary>One time a task is due: the instant, and the same instant on the task's local clock.</summary>
internal sealed record Occurrence(DateTimeOffset Utc, DateTimeOffset Local);
