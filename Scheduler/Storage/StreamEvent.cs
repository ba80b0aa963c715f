namespace EasyTask.Scheduler.Storage;

/// <summary>A status move or typed event as the live stream reads it: the timeline row with its run's task.</summary>
internal sealed record StreamEvent(TimelineEvent Event, string TaskName, string Host, string Status);
