namespace EasyTask.Scheduler.Monitoring;

/// <summary>A typed timeline event (<c>attempt_failed</c>, <c>run_retried</c>, ...) as the live stream carries it (<c>event: timeline</c>), with its run's status now.</summary>
internal sealed record LiveTimelineResource(long Id, DateTimeOffset At, string Type, string Severity, string RunId, string Task, string Host, int Attempt, string Status, string Actor, string? Detail);
