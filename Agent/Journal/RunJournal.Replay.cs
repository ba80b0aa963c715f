using System.Globalization;
using System.Text.Json;

namespace EasyTask.Agent.Journal;

internal sealed partial class RunJournal
{
    private const string SegmentPrefix = "segment-";
    private const string SegmentExtension = ".jsonl";

    /// <summary>
    /// Reads every segment, oldest first, into the in-memory state. A torn last record (the agent died mid-append,
    /// before anything was acknowledged on it) is cut off and logged; a damaged record elsewhere is logged and
    /// copied aside to <c>segment-N.jsonl.damaged</c>. Neither stops the agent.
    /// </summary>
    private void Replay()
    {
        foreach (var (segment, path) in Segments())
        {
            activeSegment = Math.Max(activeSegment, segment);
            var bytes = File.ReadAllBytes(path);
            List<byte[]> damaged = [];
            lock (gate)
            {
                live.TryAdd(segment, 0);
                var start = 0;
                while (start < bytes.Length)
                {
                    var end = Array.IndexOf(bytes, (byte)'\n', start);
                    if (end < 0)
                    {
                        LogTornTail(log, path, bytes.Length - start);
                        Truncate(path, start);
                        break;
                    }

                    if (end > start)
                    {
                        if (Parse(bytes.AsSpan(start, end - start), out var problem) is { } entry)
                        {
                            Apply(entry, segment, start, end - start);
                        }
                        else
                        {
                            LogDamagedRecord(log, path, start, problem);
                            damaged.Add(bytes[start..(end + 1)]);
                        }
                    }

                    start = end + 1;
                }
            }

            SetAside(path + ".damaged", damaged);
        }
    }

    private List<(int Number, string Path)> Segments() =>
        System.IO.Directory.EnumerateFiles(Directory, SegmentPrefix + "*" + SegmentExtension)
            .Select(path => (Name: Path.GetFileName(path), Path: path))
            .Select(f => (Ok: int.TryParse(f.Name.AsSpan(SegmentPrefix.Length, f.Name.Length - SegmentPrefix.Length - SegmentExtension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n), Number: n, f.Path))
            .Where(f => f.Ok)
            .OrderBy(f => f.Number)
            .Select(f => (f.Number, f.Path))
            .ToList();

    private static JournalEntry? Parse(ReadOnlySpan<byte> record, out string problem)
    {
        problem = "";
        try
        {
            return JsonSerializer.Deserialize<JournalEntry>(record, Json) ?? throw new JsonException("empty entry");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            problem = ex.Message;
            return null;
        }
    }

    private static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    private static void SetAside(string path, List<byte[]> records)
    {
        if (records.Count == 0 || File.Exists(path))
        {
            // Already set aside at an earlier start: the segment is read again until it is deleted.
            return;
        }

        using var stream = new FileStream(path, Private(FileMode.CreateNew, FileAccess.Write, FileShare.None));
        foreach (var record in records)
        {
            stream.Write(record);
        }
    }

    /// <summary>
    /// Entries of an older agent's journal (one JSON file per run attempt, delivered ones in <c>delivered/</c>) that
    /// the segments do not know, and the files to remove once they are copied into a flushed segment.
    /// </summary>
    private (List<JournalEntry> Entries, List<string> Files) ReadLegacy()
    {
        var files = new List<string>();
        var found = new Dictionary<RunKey, JournalEntry>();
        var deliveredDirectory = Path.Combine(Directory, "delivered");
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*.tmp", SearchOption.AllDirectories))
        {
            // A temp file is a write that never reached its rename: the entry it would have replaced is still there.
            File.Delete(leftover);
        }

        // Delivered first: when the old agent stopped between moving an entry and removing its open twin, delivered wins.
        var sources = System.IO.Directory.Exists(deliveredDirectory)
            ? System.IO.Directory.EnumerateFiles(deliveredDirectory, "*.json").Concat(System.IO.Directory.EnumerateFiles(Directory, "*.json"))
            : System.IO.Directory.EnumerateFiles(Directory, "*.json");
        foreach (var file in sources.ToList())
        {
            if (ReadLegacyFile(file) is { } entry)
            {
                files.Add(file);
                found.TryAdd(entry.Key, entry);
            }
        }

        lock (gate)
        {
            return ([.. found.Values.Where(e => !open.ContainsKey(e.Key) && !delivered.ContainsKey(e.Key))], files);
        }
    }

    private JournalEntry? ReadLegacyFile(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalEntry>(File.ReadAllBytes(file), Json) ?? throw new JsonException("empty entry");
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            LogDamaged(log, file, ex.Message);
            File.Move(file, file + ".damaged", overwrite: true);
            return null;
        }
    }

    private void RemoveLegacy(List<string> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        foreach (var file in files)
        {
            File.Delete(file);
        }

        var deliveredDirectory = Path.Combine(Directory, "delivered");
        if (System.IO.Directory.Exists(deliveredDirectory) && !System.IO.Directory.EnumerateFileSystemEntries(deliveredDirectory).Any())
        {
            System.IO.Directory.Delete(deliveredDirectory);
        }

        // Durably gone: a file of the old journal coming back after a power loss would bring back a settled run.
        SyncDirectory();
        LogMigrated(log, Directory, files.Count);
    }
}
