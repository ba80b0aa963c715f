namespace EasyTask.Contracts.Definitions;

/// <summary>The values an optional field takes when a definition leaves it out.</summary>
public static class TaskDefaults
{
    /// <summary>Trigger times are read in UTC unless a zone is given.</summary>
    public const string Timezone = "UTC";

    /// <summary>The scheduler instance every task belongs to unless told otherwise.</summary>
    public const string Instance = "default";

    /// <summary>Every day of the week.</summary>
    public const string DayOfWeek = "1111111";

    /// <summary>One hour: a miss older than this is recorded, not run.</summary>
    public const int MisfireGraceSeconds = 3600;

    /// <summary>One second base for the exponential retry backoff.</summary>
    public const int RetryDelaySeconds = 1;
}
