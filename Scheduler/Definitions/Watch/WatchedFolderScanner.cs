using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// One pass over the watched folder: calendar files first, so a task naming a calendar dropped with it
/// is accepted, then task files, one at a time. A file is read only once settled; whatever happens to
/// one file never stops the others, and a file that could not be handled (database down, a bug) stays
/// where it is for the next pass instead of being lost.
/// </summary>
internal sealed partial class WatchedFolderScanner(
    WatchedFolders folders,
    FileSettling settling,
    FileArchive archive,
    TaskFileImporter tasks,
    CalendarFileImporter calendars,
    ILogger<WatchedFolderScanner> log)
{
    // The last failure of each file kept for a retry: a file failing the same way on every pass is logged once, not every few seconds.
    private readonly Dictionary<string, string> failures = new(StringComparer.Ordinal);

    /// <summary>One pass. Not for concurrent callers: the service's single loop is the only one.</summary>
    public async Task<ScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        // Cheap when they exist, and brings the folders back if an operator deleted one while the service ran.
        folders.EnsureCreated();
        var tally = new ScanTally();
        var calendarFiles = folders.Calendars.Waiting();
        var taskFiles = folders.Tasks.Waiting();
        var present = calendarFiles.Concat(taskFiles).Select(f => f.FullName).ToList();
        settling.KeepOnly(present);
        foreach (var gone in failures.Keys.Except(present).ToList())
        {
            failures.Remove(gone);
        }

        await PassAsync(folders.Calendars, calendarFiles, calendars.ImportAsync, tally, cancellationToken);

        // A calendar still arriving may be the one a task names: its tasks wait for it rather than being rejected.
        var calendarsSettling = tally.NextSettled is not null;
        await PassAsync(folders.Tasks, taskFiles, tasks.ImportAsync, tally, cancellationToken, hold: calendarsSettling);
        return tally.Result();
    }

    private async Task PassAsync(
        DropFolder folder,
        IReadOnlyList<FileInfo> files,
        Func<string, string, CancellationToken, Task<IReadOnlyList<FieldError>>> import,
        ScanTally tally,
        CancellationToken cancellationToken,
        bool hold = false)
    {
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = Remaining(file);
            if (remaining == TimeSpan.MaxValue)
            {
                continue;
            }

            if (remaining > TimeSpan.Zero || hold || tally.DatabaseDown)
            {
                tally.Wait(remaining > TimeSpan.Zero ? remaining : null);
                continue;
            }

            await HandleAsync(folder, file.FullName, import, tally, cancellationToken);
        }
    }

    /// <summary>How long until the file is settled; <see cref="TimeSpan.MaxValue"/> when it is gone.</summary>
    private TimeSpan Remaining(FileInfo file)
    {
        try
        {
            file.Refresh();
            return file.Exists ? settling.Remaining(file) : TimeSpan.MaxValue;
        }
        catch (IOException)
        {
            return TimeSpan.MaxValue;
        }
    }
}
