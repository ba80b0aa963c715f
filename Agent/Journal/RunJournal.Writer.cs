using System.Buffers;
using System.Text.Json;

namespace EasyTask.Agent.Journal;

internal sealed partial class RunJournal
{
    // Writer-thread state: whether records were written since the last fsync, and whether the active segment
    // failed a write (it may end in half a record, so nothing more is appended to it).
    private bool dirty;
    private bool broken;
    private long carriedBytes;

    /// <summary>
    /// The writer thread: takes whatever is queued (at least one write), appends it in one go, fsyncs once when any
    /// of it must be durable, then completes every waiter. While it waits for the disk, the next batch gathers.
    /// </summary>
    private void WriteLoop()
    {
        var batch = new List<JournalWrite>();
        while (queue.TakeBatch(batch, MaxBatch))
        {
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<JournalWrite> batch)
    {
        try
        {
            // Only new records count towards the size: the open entries copied forward could exceed it on their own.
            if (broken || active!.Position - carriedBytes >= segmentBytes)
            {
                StartSegment([]);
            }

            var entries = batch.Where(w => w.Entry is not null).Select(w => w.Entry!).ToList();
            if (entries.Count > 0)
            {
                AppendRecords(entries);
                dirty = true;
            }

            foreach (var write in batch.Where(w => !w.Durable && w.Entry is not null))
            {
                write.Done.TrySetResult();
            }

            var prune = batch.Any(w => w.Entry is null);
            if (dirty && (prune || batch.Any(w => w.Durable)))
            {
                FlushActive();
            }

            foreach (var write in batch)
            {
                write.Done.TrySetResult();
            }

            if (prune)
            {
                Prune();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            broken = true;
            LogWriteFailed(log, Directory, ex.Message);
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Appends the entries to the active segment with one write and records where each landed.</summary>
    private void AppendRecords(List<JournalEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(entries.Count * 512);
        var records = new List<(JournalEntry Entry, int Start, int Length)>(entries.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            foreach (var entry in entries)
            {
                var start = buffer.WrittenCount;
                JsonSerializer.Serialize(json, entry, Json);
                json.Flush();
                json.Reset();

                // Compact JSON escapes every newline inside strings, so a raw newline only ever ends a record.
                buffer.Write("\n"u8);
                records.Add((entry, start, buffer.WrittenCount - start - 1));
            }
        }

        var stream = active!;
        var at = stream.Position;
        stream.Write(buffer.WrittenSpan);
        lock (gate)
        {
            foreach (var (entry, start, length) in records)
            {
                Apply(entry, activeSegment, at + start, length);
                activeRecords.Add((entry.Key, at + start, length));
            }
        }
    }

    /// <summary>
    /// Starts the next segment: the current one is flushed and closed, the open entries are copied forward (with
    /// <paramref name="first"/>, entries migrated from an old journal), all flushed, and then segments nothing
    /// refers to any more are deleted, oldest first. Renames and deletes happen here, per segment, never per run.
    /// </summary>
    private void StartSegment(IReadOnlyList<JournalEntry> first)
    {
        var prune = true;
        var closed = (Segment: activeSegment, Records: activeRecords, Whole: active is not null && !broken);
        activeRecords = [];
        if (active is not null)
        {
            try
            {
                if (dirty)
                {
                    FlushActive();
                }
            }
            catch (IOException ex)
            {
                // Its records may not be on the disk: keep every older segment so nothing they supersede goes.
                LogWriteFailed(log, Directory, ex.Message);
                prune = false;
                closed.Whole = false;
            }

            active.Dispose();
            active = null;
        }

        var next = activeSegment + 1;
        var stream = new FileStream(SegmentPath(next), Private(FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        List<JournalEntry> carried;
        lock (gate)
        {
            live[next] = 0;
            active = stream;
            activeSegment = next;
            carried = [.. open.Values.Select(r => r.Entry)];
        }

        carried.AddRange(first);
        if (carried.Count > 0)
        {
            AppendRecords(carried);
        }

        carriedBytes = stream.Position;
        dirty = true;
        FlushActive();
        SyncDirectory();
        broken = false;
        if (closed.Whole)
        {
            CompactQuietly(closed.Segment, closed.Records);
        }

        if (prune)
        {
            Prune();
        }
    }

    private void CompactQuietly(int segment, List<(RunKey Key, long Offset, int Length)> records)
    {
        try
        {
            Compact(segment, records);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only space: the segment stays as it was, and goes when nothing in it is live.
            LogPruneFailed(log, Directory, ex.Message);
        }
    }

    private void FlushActive()
    {
        active!.Flush(flushToDisk: true);
        Interlocked.Increment(ref flushes);
        dirty = false;
    }

    /// <summary>
    /// Deletes the oldest segments while nothing in them is live. Only a prefix goes: a record left in a kept
    /// segment is always superseded by one in a later, also kept, segment. Called with every write flushed.
    /// </summary>
    private void Prune()
    {
        var deleted = false;
        try
        {
            lock (gate)
            {
                foreach (var (segment, count) in live.ToList())
                {
                    if (segment == activeSegment || count > 0)
                    {
                        break;
                    }

                    File.Delete(SegmentPath(segment));
                    live.Remove(segment);
                    deleted = true;
                }
            }

            if (deleted)
            {
                SyncDirectory();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only space: the next prune tries again.
            LogPruneFailed(log, Directory, ex.Message);
        }
    }

    private void SyncDirectory()
    {
        if (!OperatingSystem.IsWindows())
        {
            DirectorySync.Flush(Directory);
        }
    }
}
