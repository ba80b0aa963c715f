namespace EasyTask.Scheduler.Storage;

/// <summary>A typed event to append to a run's timeline; <see cref="Status"/> is the run's status when it happened.</summary>
internal sealed record NewTimelineEvent(string RunId, int Attempt, string Type, string Severity, string Status, string Actor, string? Detail);
