namespace EasyTask.Scheduler.Storage;

/// <summary>A monitoring write of a batch that could not be recorded, even on its own.</summary>
internal sealed record MonitoringWriteFailure(string RunId, Exception Error);
