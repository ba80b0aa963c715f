namespace EasyTask.Scheduler.Monitoring;

/// <summary><c>EasyTask:Retention</c>: how long finished runs and what hangs off them are kept.</summary>
internal sealed class RetentionOptions
{
    public const string Section = "EasyTask:Retention";

    /// <summary>Runs (with their events, attempts, stored output, failed-list entry and alerts) older than this are purged. Default 90 days.</summary>
    public TimeSpan Runs { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Runs deleted per transaction, so a purge never holds a long lock. Default 500.</summary>
    public int Batch { get; set; } = 500;

    /// <summary>How often the purge runs. Default hourly.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
