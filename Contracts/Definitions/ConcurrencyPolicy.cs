namespace EasyTask.Contracts.Definitions;

/// <summary>What a new occurrence does while the task's previous run is still going.</summary>
public static class ConcurrencyPolicy
{
    /// <summary>The new occurrence is recorded as skipped.</summary>
    public const string Skip = "skip";

    /// <summary>The new occurrence waits until the previous run ends.</summary>
    public const string Queue = "queue";

    /// <summary>Both run side by side.</summary>
    public const string Allow = "allow";

    /// <summary>Every accepted value, in the order shown to users.</summary>
    public static IReadOnlyList<string> All { get; } = [Skip, Queue, Allow];
}
