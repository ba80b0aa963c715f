namespace EasyTask.Scheduler.Storage;

/// <summary>Where the previous page of an oldest-first listing ended: the next page starts after this run.</summary>
internal sealed record RunCursor(DateTimeOffset ScheduledFor, string RunId);
