using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// Decides when a file has stopped changing. A copy or an editor's save arrives in pieces, and
/// notifications say only that something changed, so the file is looked at on every scan: it is
/// settled once its size and modification time have stayed the same for the settle time.
/// </summary>
internal sealed class FileSettling(IOptions<WatchOptions> options, TimeProvider time)
{
    private readonly TimeSpan settleTime = options.Value.SettleTime;
    private readonly Dictionary<string, Look> looks = new(StringComparer.Ordinal);

    /// <summary>Zero when the file is settled, else how long until it can be at the earliest.</summary>
    public TimeSpan Remaining(FileInfo file)
    {
        var now = time.GetUtcNow();
        var look = new Look(file.Length, file.LastWriteTimeUtc, now);
        if (!looks.TryGetValue(file.FullName, out var previous) || !previous.SameContentAs(look))
        {
            looks[file.FullName] = look;
            return settleTime;
        }

        var steady = now - previous.Since;
        return steady >= settleTime ? TimeSpan.Zero : settleTime - steady;
    }

    /// <summary>The file was handled (moved away): a new file of the same name starts settling afresh.</summary>
    public void Forget(string path) => looks.Remove(path);

    /// <summary>Drops files no longer present, so the memory held stays that of the files waiting.</summary>
    public void KeepOnly(IEnumerable<string> present)
    {
        var keep = present.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in looks.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            looks.Remove(gone);
        }
    }

    private sealed record Look(long Size, DateTime Modified, DateTimeOffset Since)
    {
        public bool SameContentAs(Look other) => Size == other.Size && Modified == other.Modified;
    }
}
