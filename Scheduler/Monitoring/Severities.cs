namespace EasyTask.Scheduler.Monitoring;

/// <summary>Timeline severities (<c>info | warning | error | critical</c>) and alert severities (<c>critical | high | medium | low</c>).</summary>
internal static class Severities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
    public const string Critical = "critical";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    /// <summary>Alert severities, most severe first.</summary>
    public static IReadOnlyList<string> AlertOrder { get; } = [Critical, High, Medium, Low];
}
