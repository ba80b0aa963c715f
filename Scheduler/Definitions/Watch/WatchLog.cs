namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// What the watched folder tells operators. Every line names the file as operators know it
/// (<c>tasks/task2.json</c>), so <c>grep task2.json</c> tells a file's whole story.
/// </summary>
internal static partial class WatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for task definitions (*.json; calendars in {CalendarFolder}); files are read once unchanged for {SettleMilliseconds} ms, rescanned every {PollMilliseconds} ms")]
    public static partial void Watching(ILogger logger, string folder, string calendarFolder, double settleMilliseconds, double pollMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No watched folder configured (EasyTask:Watch:Folder / EASYTASK_TASKS_DIR): definitions come only through the API and CLI")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task inserted: tid {Tid} name {TaskName} version {Version} by {Source}")]
    public static partial void TaskInserted(ILogger logger, long tid, string taskName, long version, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task updated: tid {Tid} name {TaskName} now version {Version} by {Source}")]
    public static partial void TaskUpdated(ILogger logger, long tid, string taskName, long version, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task unchanged: tid {Tid} name {TaskName} stays version {Version}; {Source} holds the definition already stored")]
    public static partial void TaskUnchanged(ILogger logger, long tid, string taskName, long version, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar saved: {CalendarName} with {Dates} dates, now version {Version} by {Source}")]
    public static partial void CalendarSaved(ILogger logger, string calendarName, int dates, long version, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar unchanged: {CalendarName} stays version {Version}; {Source} holds the calendar already stored")]
    public static partial void CalendarUnchanged(ILogger logger, string calendarName, long version, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Definition file imported: {File} moved to {Destination}")]
    public static partial void Imported(ILogger logger, string file, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Definition file rejected: {File} has {Count} problem(s), nothing of it was applied: {Problems}; moved to {Destination} with its reasons in {ErrorsFile}")]
    public static partial void Rejected(ILogger logger, string file, int count, string problems, string destination, string errorsFile);

    [LoggerMessage(Level = LogLevel.Error, Message = "Definition file not imported: {File} is left in place and retried on the next scan")]
    public static partial void Failed(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Definition file still not imported: {File} failed again the same way ({Reason}); left in place")]
    public static partial void FailedAgain(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Definition file busy: {File} is open elsewhere ({Reason}); retried on the next scan")]
    public static partial void Busy(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watched folder scan failed; retried in {PollMilliseconds} ms")]
    public static partial void ScanFailed(ILogger logger, Exception exception, double pollMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File notifications from {Folder} were lost ({Reason}); the next scan finds what was missed")]
    public static partial void NotificationsLost(ILogger logger, string folder, string reason);
}
