namespace EasyTask.Scheduler.Storage;

/// <summary>A grouped count (<c>SELECT key, COUNT(*) ... GROUP BY key</c>) as Dapper reads it on every provider.</summary>
internal sealed class KeyCountRow
{
    public string Key { get; init; } = "";

    public long Count { get; init; }
}
