namespace EasyTask.Scheduler.Storage;

/// <summary>An alert to raise once: <see cref="Key"/> (run id and kind, or host and breaker opening) is unique.</summary>
internal sealed record NewAlert(string Key, string Kind, string Severity, string? RunId, string? TaskName, string? Host, string Message);
