using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EasyTask.Agent.Execution.Launch;

/// <summary>
/// libc <c>posix_spawnp(3)</c> with <c>POSIX_SPAWN_SETSID</c>: the shell becomes a session and group leader without
/// exec'ing setsid(1) first, which on a small machine made every run's start cost about half as much CPU again.
/// The child gets /dev/null for stdin, the two pipes for stdout and stderr, the working directory, default signal
/// dispositions and an empty signal mask (the agent's runtime ignores SIGPIPE; a task's <c>yes | head</c> must not).
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class PosixSpawn
{
    // glibc and musl agree on these values on Linux (spawn.h).
    private const short SetSignalDefaults = 0x04;
    private const short SetSignalMask = 0x08;
    private const short SetSession = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int ReadOnly = 0;
    private const int Interrupted = 4;

    // The libc types are opaque: posix_spawnattr_t is 336 bytes, posix_spawn_file_actions_t 80 and sigset_t 128 on
    // 64-bit glibc. Each gets a zeroed block comfortably larger, so no libc's layout can overrun it.
    private const int OpaqueSize = 1024;

    /// <summary>True when this libc has everything used here (posix_spawn_file_actions_addchdir_np needs glibc 2.29 or musl 1.1.24).</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    // The same for every run (own session, signals at default, empty mask): built once, then only read by posix_spawn,
    // which may share it between threads. Never freed: it lives as long as the agent.
    private static readonly Lazy<nint> SharedAttributes = new(BuildAttributes);

    /// <summary>Starts <paramref name="file"/> (searched in the agent's PATH when not a path) in a session of its own.</summary>
    /// <returns>The pid and the read ends of its stdout and stderr pipes (close-on-exec).</returns>
    /// <exception cref="Win32Exception">The pipes could not be made or the program could not be started (libc's error).</exception>
    public static (int Pid, int Stdout, int Stderr) Start(string file, IReadOnlyList<string> arguments, IEnumerable<string> environment, string workingDirectory)
    {
        var stdout = MakePipe();
        int[] stderr;
        try
        {
            stderr = MakePipe();
        }
        catch
        {
            CloseBoth(stdout);
            throw;
        }

        var argv = Strings([file, .. arguments]);
        var envp = Strings(environment);
        var actions = Marshal.AllocHGlobal(OpaqueSize);
        try
        {
            Check(posix_spawn_file_actions_init(actions));
            Check(posix_spawn_file_actions_addopen(actions, 0, "/dev/null", ReadOnly, 0));
            Check(posix_spawn_file_actions_adddup2(actions, stdout[1], 1));
            Check(posix_spawn_file_actions_adddup2(actions, stderr[1], 2));
            Check(posix_spawn_file_actions_addchdir_np(actions, workingDirectory));
            Check(posix_spawnp(out var pid, file, actions, SharedAttributes.Value, argv, envp));
            return (pid, stdout[0], stderr[0]);
        }
        catch
        {
            close(stdout[0]);
            close(stderr[0]);
            throw;
        }
        finally
        {
            // The child has its own copies (or never started): the agent keeps only the read ends.
            close(stdout[1]);
            close(stderr[1]);
            // Destroying cannot fail in any libc; there is nothing to do if it did.
            _ = posix_spawn_file_actions_destroy(actions);
            Marshal.FreeHGlobal(actions);
            Free(argv);
            Free(envp);
        }
    }

    /// <summary>Blocks until <paramref name="pid"/> ends and reaps it; the exit status as a shell reports it, or null when another reaper took it.</summary>
    public static int? WaitForExit(int pid)
    {
        while (true)
        {
            if (waitpid(pid, out var status, 0) == pid)
            {
                var signal = status & 0x7f;
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
            }

            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                return null;
            }
        }
    }

    private static nint BuildAttributes()
    {
        var attributes = Marshal.AllocHGlobal(OpaqueSize);
        var allSignals = Marshal.AllocHGlobal(OpaqueSize);
        var noSignals = Marshal.AllocHGlobal(OpaqueSize);
        try
        {
            Check(posix_spawnattr_init(attributes));
            Check(sigfillset(allSignals) == 0 ? 0 : Marshal.GetLastPInvokeError());
            Check(sigemptyset(noSignals) == 0 ? 0 : Marshal.GetLastPInvokeError());
            IncludeLibcInternalSignals(allSignals);
            Check(posix_spawnattr_setsigdefault(attributes, allSignals));
            Check(posix_spawnattr_setsigmask(attributes, noSignals));
            Check(posix_spawnattr_setflags(attributes, SetSession | SetSignalDefaults | SetSignalMask));
            return attributes;
        }
        finally
        {
            // The attributes hold copies of both sets.
            Marshal.FreeHGlobal(allSignals);
            Marshal.FreeHGlobal(noSignals);
        }
    }

    private static bool Probe()
    {
        try
        {
            var actions = Marshal.AllocHGlobal(OpaqueSize);
            try
            {
                return posix_spawn_file_actions_init(actions) == 0
                    && posix_spawn_file_actions_addchdir_np(actions, "/") == 0
                    && posix_spawn_file_actions_destroy(actions) == 0;
            }
            finally
            {
                Marshal.FreeHGlobal(actions);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    // sigfillset leaves out the two real-time signals glibc keeps for itself (32 and 33), and posix_spawn then hands
    // them to the child ignored, which exec keeps. Their bits are set by hand (bit n-1 for signal n, in the first
    // 64-bit little-endian word) so the task starts with them at their default too.
    private static void IncludeLibcInternalSignals(nint signals) =>
        Marshal.WriteInt64(signals, Marshal.ReadInt64(signals) | (1L << 31) | (1L << 32));

    private static int[] MakePipe()
    {
        var ends = new int[2];
        if (pipe2(ends, CloseOnExec) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }

        return ends;
    }

    private static void CloseBoth(int[] ends)
    {
        close(ends[0]);
        close(ends[1]);
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new Win32Exception(error);
        }
    }

    private static nint[] Strings(IEnumerable<string> values) =>
        [.. values.Select(Marshal.StringToCoTaskMemUTF8), 0];

    private static void Free(nint[] strings)
    {
        foreach (var s in strings)
        {
            Marshal.FreeCoTaskMem(s);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawnp(out int pid, string file, nint actions, nint attributes, nint[] argv, nint[] envp);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_init(nint attributes);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setflags(nint attributes, short flags);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigdefault(nint attributes, nint signals);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigmask(nint attributes, nint signals);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sigfillset(nint signals);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sigemptyset(nint signals);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_init(nint actions);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_destroy(nint actions);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addopen(nint actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_adddup2(nint actions, int fd, int newFd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addchdir_np(nint actions, string path);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2([Out] int[] fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, out int status, int options);
}
