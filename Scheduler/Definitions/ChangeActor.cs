namespace EasyTask.Scheduler.Definitions;

/// <summary>
/// Who makes a definition change. <see cref="Source"/> is stored with the definition (shown as its source);
/// <see cref="AuditWho"/>, when set, makes <see cref="DefinitionChanges"/> write the audit entry itself — the API
/// leaves it null because its audit middleware records every request, whatever its outcome.
/// </summary>
internal sealed record ChangeActor(string Source, string? AuditWho = null, string? AuditFrom = null)
{
    /// <summary>The actor who audits as <c>watched folder</c> from <paramref name="file"/> (<c>tasks/x.json</c>).</summary>
    public static ChangeActor WatchedFolder(string file) => new($"watched folder {file}", "watched folder", file);
}
