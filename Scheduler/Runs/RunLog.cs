namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The scheduler's milestone lines, worded as the product documentation names them, each carrying run id,
/// task and host so one run can be followed with grep.
/// </summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Task Triggered: run {RunId} task {TaskName} host {Host} scheduled for {ScheduledFor:O} (status ACTIVE)")]
    public static partial void Triggered(ILogger logger, string runId, string taskName, string host, DateTimeOffset scheduledFor);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Task Validated: run {RunId} task {TaskName} host {Host}: {Detail} (status TRIGGER)")]
    public static partial void Validated(ILogger logger, string runId, string taskName, string host, string detail);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Task Dispatched: run {RunId} task {TaskName} host {Host} attempt {Attempt}")]
    public static partial void Dispatched(ILogger logger, string runId, string taskName, string host, int attempt);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Execution Result: run {RunId} task {TaskName} host {Host} status {Status} reason {Reason}: {Detail}")]
    public static partial void EndedBeforeStart(ILogger logger, string runId, string taskName, string host, string status, string reason, string detail);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Task Skipped: task {TaskName} occurrence {ScheduledFor:O} recorded as run {RunId}: previous run {PreviousRunId} is still {PreviousStatus} (concurrency skip)")]
    public static partial void Skipped(ILogger logger, string taskName, DateTimeOffset scheduledFor, string runId, string previousRunId, string previousStatus);
}
