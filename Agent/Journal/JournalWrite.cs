namespace EasyTask.Agent.Journal;

/// <summary>
/// One queued journal write: an entry to append, or (no entry) a request to delete segments nothing refers to any
/// more. <see cref="Done"/> completes once the entry is written, and for a durable one once it is on the disk.
/// </summary>
internal sealed record JournalWrite(JournalEntry? Entry, bool Durable)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
