namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// How a failed attempt is classified. <see cref="Permanent"/>: the command cannot run at all (not found, not
/// executable, owner not allowed, working_dir missing, output file cannot be opened) or its exit is not one the
/// task retries; it is not retried and goes straight to the failed-runs list. <see cref="Retryable"/>: anything else.
/// </summary>
internal sealed record ErrorClass(string Name, string Why, bool HostLevel)
{
    public const string RetryableName = "retryable";
    public const string PermanentName = "permanent";

    public bool IsRetryable => Name == RetryableName;

    public static ErrorClass Retryable(string why, bool hostLevel = false) => new(RetryableName, why, hostLevel);

    public static ErrorClass Permanent(string why, bool hostLevel = false) => new(PermanentName, why, hostLevel);
}
