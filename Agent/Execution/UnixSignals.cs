using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EasyTask.Agent.Execution;

/// <summary>
/// libc <c>kill(2)</c>: .NET can signal one process, but not a process group, and a run's tree is killed
/// as its group so grandchildren go too.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class UnixSignals
{
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to every process of the group; false when the group has no process left.</summary>
    public static bool SignalGroup(int processGroup, int signal) => SendSignal(-processGroup, signal) == 0;

    /// <summary>True while any process (zombies included) is in the group.</summary>
    public static bool GroupExists(int processGroup) => SendSignal(-processGroup, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SendSignal(int pid, int signal);
}
