namespace EasyTask.Scheduler.Storage;

/// <summary>Runs as they are now that changed since a feed position, and the position after them.</summary>
internal sealed record RunChanges(long Position, IReadOnlyList<RunRecord> Runs);
