namespace EasyTask.Scheduler.Storage;

/// <summary>
/// One <c>run_events</c> row as the live stream reads it: the timeline row, the status move it records (null for a
/// typed event such as <c>attempt_failed</c>) and its run as it is now.
/// </summary>
internal sealed record RunFeedEntry(TimelineEvent Event, RunEvent? Move, RunRecord Run);
