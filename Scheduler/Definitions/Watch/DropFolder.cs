namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>One folder files are dropped into, with where its files go once handled.</summary>
/// <param name="Path">Where files are dropped (only its own <c>*.json</c>, not its sub-folders).</param>
/// <param name="Processed">Where imported files are kept, timestamped.</param>
/// <param name="Rejected">Where invalid files are kept, timestamped, beside their <c>.errors.txt</c>.</param>
/// <param name="DisplayName">How operators know the folder in logs and sources (<c>tasks</c>, <c>tasks/calendars</c>).</param>
internal sealed record DropFolder(string Path, string Processed, string Rejected, string DisplayName)
{
    public static DropFolder Under(string path, string displayName) => new(
        path,
        System.IO.Path.Combine(path, "processed"),
        System.IO.Path.Combine(path, "rejected"),
        displayName);

    /// <summary>Creates the folder and its sub-folders; harmless when they exist.</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(Processed);
        Directory.CreateDirectory(Rejected);
    }

    /// <summary>The file as operators know it: <c>tasks/task2.json</c>.</summary>
    public string NameOf(string file) => $"{DisplayName}/{System.IO.Path.GetFileName(file)}";

    /// <summary>
    /// The definition files waiting here, oldest first so the last copy dropped wins. Hidden files are
    /// skipped: editors keep lock and backup files there (e.g. Emacs' <c>.#task.json</c>).
    /// </summary>
    public IReadOnlyList<FileInfo> Waiting() => new DirectoryInfo(Path)
        .EnumerateFiles("*.json", SearchOption.TopDirectoryOnly)
        .Where(f => !f.Name.StartsWith('.') && f.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        .OrderBy(f => f.LastWriteTimeUtc)
        .ThenBy(f => f.Name, StringComparer.Ordinal)
        .ToList();
}
