namespace EasyTask.Agent.Execution;

/// <summary>The agent's milestone lines (DESIGN.md "Logs"), one per step of a run, each with run id, task and host.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Task Received: run {RunId} attempt {Attempt} task {TaskName} host {Host}")]
    public static partial void TaskReceived(ILogger logger, string runId, int attempt, string taskName, string host);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Command Prepared: run {RunId} task {TaskName} host {Host} as {User} in {WorkingDir}")]
    public static partial void CommandPrepared(ILogger logger, string runId, string taskName, string host, string user, string workingDir);

    // cmd and env values may carry secrets: only at Debug, asked for on purpose.
    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Command line: run {RunId} task {TaskName}: {Command}")]
    public static partial void CommandLine(ILogger logger, string runId, string taskName, string command);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Execution Start: run {RunId} task {TaskName} host {Host} pid {ProcessId}, stdout {StdoutPath}, stderr {StderrPath}")]
    public static partial void ExecutionStart(ILogger logger, string runId, string taskName, string host, int processId, string stdoutPath, string stderrPath);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Execution End: run {RunId} task {TaskName} host {Host} status {Status} reason {Reason} after {DurationMs} ms{Detail}")]
    public static partial void ExecutionEnd(ILogger logger, string runId, string taskName, string host, string status, string reason, long durationMs, string detail);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Return Code: run {RunId} task {TaskName} host {Host} return code {ReturnCode}")]
    public static partial void ReturnCode(ILogger logger, string runId, string taskName, string host, int? returnCode);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Redelivered: run {RunId} attempt {Attempt} task {TaskName} host {Host} is already {State}; its state is sent again, nothing is started")]
    public static partial void Redelivered(ILogger logger, string runId, int attempt, string taskName, string host, string state);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Not started: run {RunId} task {TaskName} host {Host}: {Detail}")]
    public static partial void NotStarted(ILogger logger, string runId, string taskName, string host, string detail);

    [LoggerMessage(EventId = 212, Level = LogLevel.Information, Message = "Cancel requested: run {RunId} attempt {Attempt} host {Host} by {RequestedBy}: {Outcome}")]
    public static partial void CancelRequested(ILogger logger, string runId, int attempt, string host, string requestedBy, string outcome);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Result of run {RunId} attempt {Attempt} host {Host} not delivered yet, kept in the journal: {Problem}")]
    public static partial void Undelivered(ILogger logger, string runId, int attempt, string host, string problem);

    [LoggerMessage(EventId = 214, Level = LogLevel.Warning, Message = "Event {Event} of run {RunId} host {Host} could not be sent: {Problem}")]
    public static partial void EventLost(ILogger logger, string @event, string runId, string host, string problem);

    [LoggerMessage(EventId = 215, Level = LogLevel.Warning, Message = "Recovered after restart: run {RunId} attempt {Attempt} task {TaskName} host {Host} was {State}: {Detail}")]
    public static partial void Recovered(ILogger logger, string runId, int attempt, string taskName, string host, string state, string detail);

    [LoggerMessage(EventId = 216, Level = LogLevel.Error, Message = "Agent error while running run {RunId} task {TaskName} host {Host}")]
    public static partial void ExecutionError(ILogger logger, Exception exception, string runId, string taskName, string host);

    [LoggerMessage(EventId = 217, Level = LogLevel.Warning, Message = "Delivered results in {JournalDirectory} could not be swept: {Problem}")]
    public static partial void SweepFailed(ILogger logger, string journalDirectory, string problem);

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Agent {Host} ready: {Capacity} run slots, logs in {LogDirectory}, journal in {JournalDirectory}, {Pending} results to deliver")]
    public static partial void Ready(ILogger logger, string host, int capacity, string logDirectory, string journalDirectory, int pending);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "Refused: run {RunId} attempt {Attempt} task {TaskName} host {Host} is older than attempt {Newer} already seen here; it is not started")]
    public static partial void StaleAttempt(ILogger logger, string runId, int attempt, string taskName, string host, int newer);
}
