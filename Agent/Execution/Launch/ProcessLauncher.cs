using System.Diagnostics;
using System.Runtime.Versioning;

namespace EasyTask.Agent.Execution.Launch;

/// <summary>How the agent starts a run's shell (<c>EasyTask:Agent:SpawnMethod</c>).</summary>
public enum SpawnMethod
{
    /// <summary>posix_spawn(3) with its own session on Linux (the default); elsewhere the same as <see cref="DotnetProcess"/>.</summary>
    PosixSpawn,

    /// <summary>.NET's Process, through setsid(1) on Unix: one more exec per run.</summary>
    DotnetProcess,
}

/// <summary>The one door through which a run's shell is started.</summary>
internal static class ProcessLauncher
{
    /// <summary>Starts the shell; throws <see cref="System.ComponentModel.Win32Exception"/> when it cannot be started.</summary>
    public static ChildProcess Start(ProcessStartInfo start, SpawnMethod method) =>
        UsesPosixSpawn(method) ? SpawnedChildProcess.Start(start) : DotnetChildProcess.Start(start);

    /// <summary>True when <paramref name="method"/> means posix_spawn on this machine (Linux with a recent enough libc).</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool UsesPosixSpawn(SpawnMethod method) =>
        method == SpawnMethod.PosixSpawn && OperatingSystem.IsLinux() && PosixSpawn.IsAvailable;
}
