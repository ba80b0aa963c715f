namespace EasyTask.Scheduler.Storage;

/// <summary>Filters of the failed-runs list; dismissed entries are left out unless asked for.</summary>
internal sealed record FailedRunQuery(string? Task = null, string? Host = null, DateTimeOffset? Since = null, bool IncludeDismissed = false, int Limit = 500);
