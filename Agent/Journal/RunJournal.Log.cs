namespace EasyTask.Agent.Journal;

internal sealed partial class RunJournal
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Journal entry {File} cannot be read and was set aside as .damaged: {Problem}")]
    private static partial void LogDamaged(ILogger logger, string file, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal record at byte {Offset} of {File} cannot be read and was copied aside to .damaged: {Problem}")]
    private static partial void LogDamagedRecord(ILogger logger, string file, long offset, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {File} ends in {Bytes} bytes of a record cut short (the agent stopped while writing it, before acknowledging anything on it); ignored and cut off")]
    private static partial void LogTornTail(ILogger logger, string file, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal record at byte {Offset} of {File} cannot be read: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string file, long offset, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal in {JournalDirectory} cannot be written: {Problem}")]
    private static partial void LogWriteFailed(ILogger logger, string journalDirectory, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old journal segments in {JournalDirectory} could not be deleted: {Problem}")]
    private static partial void LogPruneFailed(ILogger logger, string journalDirectory, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal in {JournalDirectory} migrated: {Files} files of the one-file-per-run layout copied into a segment and removed")]
    private static partial void LogMigrated(ILogger logger, string journalDirectory, int files);
}
