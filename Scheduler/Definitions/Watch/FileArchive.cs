using System.Globalization;
using System.Text;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// Moves handled files out of the way, keeping every one: <c>task2.json</c> becomes
/// <c>processed/task2.20261122T223015Z.json</c> (a counter is added when that name is taken), and a
/// rejected file gets its reasons beside it in <c>&lt;its new name&gt;.errors.txt</c>.
/// </summary>
internal sealed class FileArchive(TimeProvider time)
{
    public const string ErrorsSuffix = ".errors.txt";

    /// <summary>Moves the imported file to the folder's <c>processed/</c>; returns where it went.</summary>
    public string Processed(DropFolder folder, string file) => MoveInto(folder.Processed, file, time.GetUtcNow());

    /// <summary>Moves the invalid file to the folder's <c>rejected/</c> and writes its errors file beside it; returns where it went.</summary>
    public string Rejected(DropFolder folder, string file, IReadOnlyList<FieldError> errors)
    {
        var now = time.GetUtcNow();
        var destination = MoveInto(folder.Rejected, file, now);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# {folder.NameOf(file)} rejected at {now:yyyy-MM-ddTHH:mm:ssZ}: {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; ")
            .AppendLine(CultureInfo.InvariantCulture, $"fix them and drop the file into {folder.DisplayName}/ again")
            .AppendJoin(Environment.NewLine, errors.Select(e => e.ToString()))
            .AppendLine();
        File.WriteAllText(destination + ErrorsSuffix, text.ToString());
        return destination;
    }

    private static string MoveInto(string targetFolder, string file, DateTimeOffset now)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var extension = Path.GetExtension(file);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (var counter = 1; ; counter++)
        {
            var name = counter == 1 ? $"{stem}.{stamp}{extension}" : $"{stem}.{stamp}-{counter}{extension}";
            var destination = Path.Combine(targetFolder, name);
            if (File.Exists(destination) || File.Exists(destination + ErrorsSuffix))
            {
                continue;
            }

            try
            {
                // Never overwrite: a name taken between the check and the move only costs another counter.
                File.Move(file, destination, overwrite: false);
                return destination;
            }
            catch (IOException) when (File.Exists(destination) && File.Exists(file))
            {
            }
        }
    }
}
