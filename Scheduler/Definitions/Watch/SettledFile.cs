using System.Text;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>Reads a definition file only when no one else has it open.</summary>
internal static class SettledFile
{
    /// <summary>
    /// The file's text, or null when it is open elsewhere or gone. The exclusive open refuses a file a
    /// writer still holds on Windows; on Linux locks are advisory, which is why the settle time comes first.
    /// </summary>
    public static async Task<string?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 4096, useAsync: true);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
