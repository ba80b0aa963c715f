namespace EasyTask.Scheduler.Cluster;

/// <summary>Another scheduler process already uses this SQLite database.</summary>
internal sealed class DatabaseInUseException(string message, Exception inner) : InvalidOperationException(message, inner);
