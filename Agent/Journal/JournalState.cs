namespace EasyTask.Agent.Journal;

/// <summary>How far a journaled run attempt got.</summary>
internal enum JournalState
{
    /// <summary>Accepted and waiting for a free slot; no process yet.</summary>
    Accepted,

    /// <summary>Its process was started.</summary>
    Running,

    /// <summary>It ended; the result is in the entry.</summary>
    Finished,
}
