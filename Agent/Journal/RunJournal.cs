using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EasyTask.Agent.Journal;

/// <summary>
/// The agent's memory across restarts: one small JSON file per run attempt. Open entries (accepted, running,
/// finished but undelivered) live in the journal directory and are all read at start; delivered ones move to
/// <c>delivered/</c>, where they only answer redelivered RunTasks until swept, so start-up cost stays proportional
/// to the work in flight. Every write is atomic (temp file, then rename): a crash leaves the old entry or the new one.
/// </summary>
internal sealed partial class RunJournal(string directory, ILogger<RunJournal> log)
{
    private const string Extension = ".json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public string Directory { get; } = Path.GetFullPath(directory);

    private string DeliveredDirectory => Path.Combine(Directory, "delivered");

    /// <summary>Creates the directories; a clear error when they cannot be.</summary>
    public void Open() => System.IO.Directory.CreateDirectory(DeliveredDirectory);

    /// <summary>
    /// Writes the entry. <paramref name="durable"/> forces it to the disk before returning: used before the agent
    /// tells the scheduler something (accepted, finished), so power loss cannot take back what was promised.
    /// A delivered entry moves out of the open set.
    /// </summary>
    public void Write(JournalEntry entry, bool durable)
    {
        var open = PathOf(Directory, entry.Key);
        if (!entry.Delivered)
        {
            WriteAtomically(open, entry, durable);
            return;
        }

        WriteAtomically(PathOf(DeliveredDirectory, entry.Key), entry, durable);
        File.Delete(open);
    }

    /// <summary>The delivered entry of an attempt, if it is still kept.</summary>
    public JournalEntry? TryReadDelivered(RunKey key)
    {
        var file = PathOf(DeliveredDirectory, key);
        return File.Exists(file) ? Read(file) : null;
    }

    /// <summary>
    /// The attempts of delivered entries still kept, from their file names alone (cheap at start): the run as
    /// <see cref="FileSafe"/> names it, and the attempt number.
    /// </summary>
    public IEnumerable<(string RunKey, int Attempt)> DeliveredAttempts()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(DeliveredDirectory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var dot = name.LastIndexOf('.');
            if (dot > 0 && int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
            {
                yield return (name[..dot], attempt);
            }
        }
    }

    /// <summary>Every open entry. A damaged file is set aside (renamed <c>.damaged</c>) and logged, never fatal.</summary>
    public IReadOnlyList<JournalEntry> ReadOpen()
    {
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*.tmp", SearchOption.AllDirectories))
        {
            // A temp file is a write that never reached its rename: the entry it would have replaced is still there.
            File.Delete(leftover);
        }

        var entries = new List<JournalEntry>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            if (File.Exists(Path.Combine(DeliveredDirectory, Path.GetFileName(file))))
            {
                // The agent stopped between moving a delivered entry and removing the open one.
                File.Delete(file);
            }
            else if (Read(file) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Deletes delivered entries last written before <paramref name="cutoff"/>; returns how many.</summary>
    public int SweepDelivered(DateTimeOffset cutoff)
    {
        var swept = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(DeliveredDirectory, "*" + Extension))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff.UtcDateTime)
            {
                File.Delete(file);
                swept++;
            }
        }

        return swept;
    }

    /// <summary>Run ids are chosen by the scheduler; anything that is not a plain file name is hashed instead.</summary>
    internal static string FileSafe(string runId) =>
        SafeName().IsMatch(runId) ? runId : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)));

    private static string PathOf(string directory, RunKey key) =>
        Path.Combine(directory, $"{FileSafe(key.RunId)}.{key.Attempt.ToString(CultureInfo.InvariantCulture)}{Extension}");

    private static void WriteAtomically(string target, JournalEntry entry, bool durable)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
            {
                JsonSerializer.Serialize(stream, entry, Json);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private JournalEntry? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalEntry>(File.ReadAllBytes(file), Json) ?? throw new JsonException("empty entry");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            LogDamaged(log, file, ex.Message);
            File.Move(file, file + ".damaged", overwrite: true);
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeName();

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal entry {File} cannot be read and was set aside as .damaged: {Problem}")]
    private static partial void LogDamaged(ILogger logger, string file, string problem);
}
