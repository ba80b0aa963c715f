namespace EasyTask.Agent.Journal;

/// <summary>An open entry as last written, and the segment holding that record.</summary>
internal readonly record struct OpenRecord(JournalEntry Entry, int Segment);
