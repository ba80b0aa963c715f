using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EasyTask.Agent.Journal;

/// <summary>
/// The agent's memory across restarts: an append-only log of entry records (one JSON line each) in numbered
/// segment files, group-committed by one writer thread. Writes queued while the disk is busy go out together with
/// one fsync, so runs finishing at once share it; nothing is renamed or deleted per run. The last record of a run
/// attempt wins. Open entries (accepted, running, finished but undelivered) are kept in memory; delivered ones only
/// as an index into the segments, to answer redelivered RunTasks until swept. A new segment starts at each start
/// and when the active one grows past its size; open entries are copied forward into it, and old segments are
/// deleted, oldest first, once nothing in them is live.
/// </summary>
internal sealed partial class RunJournal : IDisposable
{
    /// <summary>Size past which the active segment is closed and a new one started (open entries copied forward).</summary>
    public const long DefaultSegmentBytes = 32 * 1024 * 1024;

    private const int MaxBatch = 4096;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ILogger<RunJournal> log;
    private readonly long segmentBytes;
    private readonly Lock gate = new();
    private readonly Dictionary<RunKey, OpenRecord> open = [];
    private readonly Dictionary<RunKey, RecordLocation> delivered = [];
    private readonly SortedDictionary<int, int> live = [];
    private readonly WriteQueue queue = new();
    private FileStream? lockFile;
    private FileStream? active;
    private int activeSegment;
    private Thread? writer;
    private long flushes;
    private int disposed;

    public RunJournal(string directory, ILogger<RunJournal> log, long segmentBytes = DefaultSegmentBytes)
    {
        Directory = Path.GetFullPath(directory);
        this.log = log;
        this.segmentBytes = segmentBytes;
    }

    public string Directory { get; }

    /// <summary>How many times the journal was flushed to the disk (fsync); one flush commits a whole batch.</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    /// <summary>
    /// Takes the directory (one agent at a time: a second one gets a clear error), reads what it holds, migrates a
    /// journal of one file per run left by an older agent, and starts the writer.
    /// </summary>
    public void Open()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                // The journal holds commands and environments: readable by the agent's user only.
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        try
        {
            lockFile = new FileStream(Path.Combine(Directory, "journal.lock"), Private(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new IOException($"the journal directory {Directory} is in use by another agent (or another instance of this one): {ex.Message}", ex);
        }

        Replay();
        var legacy = ReadLegacy();
        StartSegment(legacy.Entries);
        RemoveLegacy(legacy.Files);
        writer = new Thread(WriteLoop) { IsBackground = true, Name = "easytask journal writer" };
        writer.Start();
    }

    /// <summary>
    /// Queues the entry; the task completes once it is written, and when <paramref name="durable"/> once it is on
    /// the disk: used before the agent tells the scheduler something (accepted, finished), so power loss cannot
    /// take back what was promised. Writes complete in the order they were queued. Faults when it cannot be written.
    /// </summary>
    public Task WriteAsync(JournalEntry entry, bool durable)
    {
        var write = new JournalWrite(entry, durable);
        return queue.TryAdd(write) ? write.Done.Task
            : Task.FromException(new ObjectDisposedException(nameof(RunJournal), "the journal is closed"));
    }

    /// <summary>The delivered entry of an attempt, if it is still kept.</summary>
    public JournalEntry? TryReadDelivered(RunKey key)
    {
        lock (gate)
        {
            if (!delivered.TryGetValue(key, out var at))
            {
                return null;
            }

            var bytes = new byte[at.Length];
            try
            {
                using var handle = File.OpenHandle(SegmentPath(at.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var read = RandomAccess.Read(handle, bytes, at.Offset);
                var entry = read == bytes.Length ? JsonSerializer.Deserialize<JournalEntry>(bytes, Json) : null;
                return entry?.Key == key ? entry : null;
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                LogUnreadable(log, SegmentPath(at.Segment), at.Offset, ex.Message);
                return null;
            }
        }
    }

    /// <summary>The attempts of delivered entries still kept: the run as <see cref="FileSafe"/> names it, and the attempt number.</summary>
    public IReadOnlyList<(string RunKey, int Attempt)> DeliveredAttempts()
    {
        lock (gate)
        {
            return [.. delivered.Keys.Select(k => (FileSafe(k.RunId), k.Attempt))];
        }
    }

    /// <summary>Every open entry, as last written.</summary>
    public IReadOnlyList<JournalEntry> ReadOpen()
    {
        lock (gate)
        {
            return [.. open.Values.Select(r => r.Entry)];
        }
    }

    /// <summary>
    /// Forgets delivered entries delivered before <paramref name="cutoff"/>; returns how many. Their space comes back
    /// when every record of their segment is dead: the writer then deletes it.
    /// </summary>
    public int SweepDelivered(DateTimeOffset cutoff)
    {
        var swept = 0;
        lock (gate)
        {
            foreach (var (key, at) in delivered.Where(d => d.Value.DeliveredTicks < cutoff.UtcTicks).ToList())
            {
                delivered.Remove(key);
                Release(at.Segment);
                swept++;
            }
        }

        // When closing, the next start prunes.
        if (swept > 0)
        {
            queue.TryAdd(new JournalWrite(null, Durable: false));
        }

        return swept;
    }

    /// <summary>Run ids are chosen by the scheduler; anything that is not a plain file name is hashed instead.</summary>
    internal static string FileSafe(string runId) =>
        SafeName().IsMatch(runId) ? runId : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)));

    /// <summary>Waits for queued writes, then closes the files and releases the directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        queue.Complete();
        writer?.Join();
        active?.Dispose();
        lockFile?.Dispose();
    }

    private static FileStreamOptions Private(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0 };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open)
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private string SegmentPath(int segment) => Path.Combine(Directory, $"segment-{segment:D8}.jsonl");

    /// <summary>Applies one record to the in-memory state: the last record of an attempt wins. Under <see cref="gate"/>.</summary>
    private void Apply(JournalEntry entry, int segment, long offset, int length)
    {
        var key = entry.Key;
        if (open.Remove(key, out var was))
        {
            Release(was.Segment);
        }

        if (delivered.Remove(key, out var at))
        {
            Release(at.Segment);
        }

        if (entry.Delivered)
        {
            delivered[key] = new RecordLocation(segment, length, offset, entry.UpdatedAt.UtcTicks);
        }
        else
        {
            open[key] = new OpenRecord(entry, segment);
        }

        live[segment] = live.GetValueOrDefault(segment) + 1;
    }

    private void Release(int segment) => live[segment]--;

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeName();
}
