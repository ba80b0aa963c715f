using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EasyTask.Agent.Journal;

/// <summary>
/// The agent's memory across restarts: one small JSON file per run attempt in the journal directory.
/// Every write is atomic (temp file, then rename), so a crash leaves the old entry or the new one, never half of one.
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

    /// <summary>Creates the directory; a clear error when it cannot be.</summary>
    public void Open() => System.IO.Directory.CreateDirectory(Directory);

    /// <summary>
    /// Writes the entry. <paramref name="durable"/> forces it to the disk before returning: used before the agent
    /// tells the scheduler something (accepted, finished), so power loss cannot take back what was promised.
    /// </summary>
    public void Write(JournalEntry entry, bool durable)
    {
        var target = PathOf(entry.Key);
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

    public void Delete(RunKey key) => File.Delete(PathOf(key));

    /// <summary>Every readable entry. A damaged file is set aside (renamed <c>.damaged</c>) and logged, never fatal.</summary>
    public IReadOnlyList<JournalEntry> ReadAll()
    {
        var entries = new List<JournalEntry>();
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*.tmp"))
        {
            // A temp file is a write that never reached its rename: the entry it would have replaced is still there.
            File.Delete(leftover);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            try
            {
                entries.Add(JsonSerializer.Deserialize<JournalEntry>(File.ReadAllBytes(file), Json)
                    ?? throw new JsonException("empty entry"));
            }
            catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
            {
                LogDamaged(log, file, ex.Message);
                File.Move(file, file + ".damaged", overwrite: true);
            }
        }

        return entries;
    }

    private string PathOf(RunKey key) =>
        Path.Combine(Directory, $"{FileSafe(key.RunId)}.{key.Attempt.ToString(CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>Run ids are chosen by the scheduler; anything that is not a plain file name is hashed instead.</summary>
    internal static string FileSafe(string runId) =>
        SafeName().IsMatch(runId) ? runId : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)));

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex SafeName();

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal entry {File} cannot be read and was set aside as .damaged: {Problem}")]
    private static partial void LogDamaged(ILogger logger, string file, string problem);
}
