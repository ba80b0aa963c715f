namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The scheduler's milestone lines, worded as the product documentation names them, each carrying run id,
/// task and host so one run can be followed with grep.
/// </summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Task Triggered: run {RunId} task {TaskName} host {Host} scheduled for {ScheduledFor:O} by {Cause} (status ACTIVE)")]
    public static partial void Triggered(ILogger logger, string runId, string taskName, string host, DateTimeOffset scheduledFor, string cause);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Task Validated: run {RunId} task {TaskName} host {Host}: {Detail} (status TRIGGER)")]
    public static partial void Validated(ILogger logger, string runId, string taskName, string host, string detail);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Task Dispatched: run {RunId} task {TaskName} host {Host} attempt {Attempt}{Again}")]
    public static partial void Dispatched(ILogger logger, string runId, string taskName, string host, int attempt, string again);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Execution Result: run {RunId} task {TaskName} host {Host} status {Status} reason {Reason}: {Detail}")]
    public static partial void EndedBeforeStart(ILogger logger, string runId, string taskName, string host, string status, string reason, string detail);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Task Skipped: task {TaskName} occurrence {ScheduledFor:O} recorded as run {RunId}: previous run {PreviousRunId} is still {PreviousStatus} (concurrency skip)")]
    public static partial void Skipped(ILogger logger, string taskName, DateTimeOffset scheduledFor, string runId, string previousRunId, string previousStatus);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Task Not Skipped: task {TaskName} occurrence {ScheduledFor:O} runs: previous run {PreviousRunId}, recorded {PreviousStatus}, ended on {Host} at {EndedAt:O} and its result is on its way (concurrency skip)")]
    public static partial void PreviousEndedOnAgent(ILogger logger, DateTimeOffset scheduledFor, string taskName, string previousRunId, string host, DateTimeOffset endedAt, string previousStatus);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Agent Acknowledgment: run {RunId} task {TaskName} host {Host} attempt {Attempt} accepted by the agent")]
    public static partial void Acknowledged(ILogger logger, string runId, string taskName, string host, int attempt);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Status Updated: run {RunId} task {TaskName} host {Host} {From} -> {To}{Detail}")]
    public static partial void StatusUpdated(ILogger logger, string runId, string taskName, string host, string from, string to, string detail);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Execution Result: run {RunId} task {TaskName} host {Host} status {Status} reason {Reason} return code {ReturnCode} duration {DurationMs} ms attempt {Attempt}")]
    public static partial void ExecutionResult(ILogger logger, string runId, string taskName, string host, string status, string reason, string returnCode, long durationMs, int attempt);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Retry Scheduled: run {RunId} task {TaskName} host {Host} attempt {Attempt} ended {Status} ({Reason}); attempt {NextAttempt} of {MaxAttempts} in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string runId, string taskName, string host, int attempt, string status, string reason, int nextAttempt, int maxAttempts, long delayMs);
}
