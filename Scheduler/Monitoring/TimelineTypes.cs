namespace EasyTask.Scheduler.Monitoring;

/// <summary>The typed events of a run's timeline (see product-docs/task-monitoring.txt), beside its status moves.</summary>
internal static class TimelineTypes
{
    public const string RunCreated = "run_created";
    public const string StatusChanged = "status_changed";
    public const string RunStarted = "run_started";
    public const string AttemptStarted = "attempt_started";
    public const string AttemptSucceeded = "attempt_succeeded";
    public const string AttemptFailed = "attempt_failed";
    public const string RunRetried = "run_retried";
    public const string CircuitBreakerOpened = "circuit_breaker_opened";
    public const string RunFailed = "run_failed";
    public const string MovedToFailedList = "moved_to_failed_list";
    public const string RunCompleted = "run_completed";
    public const string AlertSent = "alert_sent";
    public const string ManualRetry = "manual_retry";
    public const string Dismissed = "dismissed";
}
