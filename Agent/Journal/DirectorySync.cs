using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace EasyTask.Agent.Journal;

/// <summary>
/// fsync(2) on a directory, so a segment file just created (or deleted) survives a power loss by name too: fsync on
/// the file alone makes its contents durable, not its directory entry. .NET cannot open a directory as a file.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    /// <summary>Flushes the directory's entries to the disk; an <see cref="IOException"/> when it cannot.</summary>
    public static void Flush(string directory)
    {
        var fd = Open(directory, ReadOnly | CloseOnExec, 0);
        if (fd < 0)
        {
            throw new IOException($"{directory} cannot be opened to flush it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Fsync(handle) != 0)
        {
            throw new IOException($"{directory} cannot be flushed to the disk: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Fsync(SafeFileHandle fd);
}
