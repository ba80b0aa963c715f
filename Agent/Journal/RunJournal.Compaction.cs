namespace EasyTask.Agent.Journal;

internal sealed partial class RunJournal
{
    // Writer-thread state: the records of the active segment, so it can be compacted without parsing it again.
    private List<(RunKey Key, long Offset, int Length)> activeRecords = [];

    /// <summary>
    /// Rewrites a just-closed segment with only the records still needed: a run's record goes when a later one of
    /// the same run exists (open entries were just copied forward, so all their records here go), which leaves
    /// about one record per delivered run. Records of runs the journal no longer knows (swept) stay, so nothing
    /// older can come back; they go with the whole segment. One rename per segment.
    /// </summary>
    private void Compact(int segment, List<(RunKey Key, long Offset, int Length)> records)
    {
        var keep = new List<(RunKey Key, long Offset, int Length)>();
        lock (gate)
        {
            foreach (var record in records)
            {
                var superseded = open.ContainsKey(record.Key)
                    || (delivered.TryGetValue(record.Key, out var at) && (at.Segment != segment || at.Offset != record.Offset));
                if (!superseded)
                {
                    keep.Add(record);
                }
            }
        }

        if (keep.Count == records.Count)
        {
            return;
        }

        var path = SegmentPath(segment);
        var temporary = path + ".tmp";
        var moved = new List<(RunKey Key, long From, long To)>(keep.Count);
        using (var source = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = new FileStream(temporary, Private(FileMode.Create, FileAccess.Write, FileShare.None)))
        {
            var buffer = new byte[keep.Count == 0 ? 0 : keep.Max(r => r.Length) + 1];
            foreach (var (key, offset, length) in keep)
            {
                var record = buffer.AsSpan(0, length + 1);
                if (RandomAccess.Read(source, record, offset) != record.Length)
                {
                    throw new IOException($"{path} is shorter than its records");
                }

                moved.Add((key, offset, target.Position));
                target.Write(record);
            }

            target.Flush(flushToDisk: true);
        }

        lock (gate)
        {
            File.Move(temporary, path, overwrite: true);
            foreach (var (key, from, to) in moved)
            {
                if (delivered.TryGetValue(key, out var at) && at.Segment == segment && at.Offset == from)
                {
                    delivered[key] = at with { Offset = to };
                }
            }
        }

        SyncDirectory();
    }
}
