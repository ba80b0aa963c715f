namespace EasyTask.Scheduler.Storage;

/// <summary>Filters for reading the audit trail; null means any. Newest first, at most <see cref="Limit"/> entries.</summary>
internal sealed record AuditQuery(DateTimeOffset? Since = null, string? Who = null, string? Target = null, int Limit = 500);
