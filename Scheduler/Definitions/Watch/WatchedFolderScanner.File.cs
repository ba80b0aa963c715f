using System.Data.Common;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions.Watch;

internal sealed partial class WatchedFolderScanner
{
    /// <summary>Reads, applies and moves one settled file; on any failure the file stays for the next pass.</summary>
    private async Task HandleAsync(
        DropFolder folder,
        string file,
        Func<string, string, CancellationToken, Task<IReadOnlyList<FieldError>>> import,
        ScanTally tally,
        CancellationToken cancellationToken)
    {
        var name = folder.NameOf(file);
        try
        {
            if (File.Exists(file) && new FileInfo(file).Length > MaxFileBytes)
            {
                Reject(folder, file, name, [new FieldError("$", $"the file is {new FileInfo(file).Length / 1024 / 1024} MiB; a watched-folder file may be at most {MaxFileBytes / 1024 / 1024} MiB (split it)")], tally);
                return;
            }

            if (await SettledFile.TryReadAsync(file, cancellationToken) is not { } json)
            {
                if (File.Exists(file))
                {
                    WatchLog.Busy(log, name, "it cannot be opened exclusively");
                    tally.Wait(null);
                }

                return;
            }

            var errors = await import(json, name, cancellationToken);
            settling.Forget(file);
            failures.Remove(file);
            if (errors.Count == 0)
            {
                WatchLog.Imported(log, name, archive.Processed(folder, file));
                tally.Imported++;
                return;
            }

            Reject(folder, file, name, errors, tally);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One file's failure, whatever it is, must not stop the others: it is logged and the file kept for a retry.
        catch (Exception ex) when (!Storage.StoreOutage.Is(ex) && File.Exists(file))
#pragma warning restore CA1031
        {
            // Not an outage: trying again cannot help, and the file must not block the ones behind it.
            Failed(name, file, ex);
            settling.Forget(file);
            failures.Remove(file);
            Reject(folder, file, name, [new FieldError("$", $"could not be applied ({ex.GetType().Name}): {ex.Message}")], tally);
        }
#pragma warning disable CA1031 // As above: an outage keeps the file in place for the next pass.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(name, file, ex);
            tally.Wait(null);

            // With the database unreachable every other file would fail too, each after its own connection
            // timeout: they wait in place for the next pass instead.
            tally.DatabaseDown |= ex is DbException or TimeoutException;
        }
    }

    /// <summary>Largest file read from the watched folder: 16 MiB.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private void Reject(DropFolder folder, string file, string name, IReadOnlyList<FieldError> errors, ScanTally tally)
    {
        var destination = archive.Rejected(folder, file, errors);
        WatchLog.Rejected(log, name, errors.Count, string.Join("; ", errors), destination, Path.GetFileName(destination) + FileArchive.ErrorsSuffix);
        tally.Rejected++;
    }

    private void Failed(string name, string file, Exception ex)
    {
        var what = $"{ex.GetType().FullName}: {ex.Message}";
        if (failures.TryGetValue(file, out var previous) && previous == what)
        {
            WatchLog.FailedAgain(log, name, ex.Message);
            return;
        }

        failures[file] = what;
        WatchLog.Failed(log, ex, name);
    }
}
