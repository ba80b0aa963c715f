using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace EasyTask.Agent.Execution;

/// <summary>
/// libc <c>open(2)</c> with <c>O_NOFOLLOW</c>: .NET's FileStream and File.OpenHandle always follow a symbolic link,
/// so a task (or another local user) that puts a link where a run's output file goes would make a root agent append
/// to whatever the link names. With O_NOFOLLOW the open fails (ELOOP) instead.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class NoFollowOpen
{
    // Linux values (asm-generic): the agent's Unix target. O_NOFOLLOW differs on other Unix kernels.
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Append = 0x400;
    private const int NoFollow = 0x20000;
    private const int CloseOnExec = 0x80000;
    private const int LinkLoop = 40;

    /// <summary>Opens (creating, mode 0640 before umask) <paramref name="path"/> for appending; throws <see cref="IOException"/> when it is a symbolic link.</summary>
    public static SafeFileHandle OpenForAppend(string path)
    {
        var fd = Open(path, WriteOnly | Create | Append | NoFollow | CloseOnExec, Convert.ToInt32("640", 8));
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        throw errno == LinkLoop
            ? new IOException($"{path} is a symbolic link: output files are never opened through a link")
            : new IOException($"{path} cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Open(string path, int flags, int mode);
}
