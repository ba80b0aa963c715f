namespace EasyTask.Scheduler.Storage;

/// <summary>A <c>tasks</c> row as Dapper reads it; numbers are widened to long so every provider's integer types fit.</summary>
internal sealed class TaskRow
{
    public long Tid { get; init; }

    public string Name { get; init; } = "";

    public string Definition { get; init; } = "";

    public long OnHold { get; init; }

    public long Version { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public string Source { get; init; } = "";
}
