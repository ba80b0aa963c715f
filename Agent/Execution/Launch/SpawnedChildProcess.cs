using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace EasyTask.Agent.Execution.Launch;

/// <summary>
/// A shell started with <see cref="PosixSpawn"/> (Linux): a session and group leader from its first instruction, with
/// its stdout and stderr as pipes the agent reads asynchronously.
/// </summary>
/// <remarks>
/// .NET reaps only the children it started itself, so this one is reaped here: a thread blocked in waitpid(2) for
/// as long as the process runs, then gone. Threads exist only for running processes (at most the agent's slots), and
/// starting one costs microseconds against the milliseconds of a process start.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class SpawnedChildProcess : ChildProcess
{
    // waitpid needs no stack to speak of; the default (8 MiB reserved) would only inflate the address space.
    private const int ReaperStackSize = 128 * 1024;

    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AnonymousPipeClientStream stdout;
    private readonly AnonymousPipeClientStream stderr;
    private int exitCode;

    private SpawnedChildProcess(int pid, int stdoutFd, int stderrFd)
    {
        Id = pid;
        stdout = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdoutFd, ownsHandle: true));
        stderr = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderrFd, ownsHandle: true));
        new Thread(Reap, ReaperStackSize) { IsBackground = true, Name = "easytask run reaper" }.Start();
    }

    /// <summary>Starts <paramref name="start"/> (made by <see cref="ShellCommand"/>); throws <see cref="System.ComponentModel.Win32Exception"/> when it cannot.</summary>
    public static SpawnedChildProcess Start(ProcessStartInfo start)
    {
        var environment = start.Environment.Where(v => v.Value is not null).Select(v => $"{v.Key}={v.Value}");
        var (pid, stdoutFd, stderrFd) = PosixSpawn.Start(start.FileName, start.ArgumentList, environment, start.WorkingDirectory);
        return new SpawnedChildProcess(pid, stdoutFd, stderrFd);
    }

    public override int Id { get; }

    public override bool LeadsGroup => true;

    public override Stream Stdout => stdout;

    public override Stream Stderr => stderr;

    public override bool HasExited => exited.Task.IsCompleted;

    public override int ExitCode => HasExited ? exitCode : throw new InvalidOperationException($"process {Id} has not exited");

    public override Task WaitForExitAsync(CancellationToken cancellationToken) => exited.Task.WaitAsync(cancellationToken);

    // A spawned shell always leads its group: the tree is killed through the group (ProcessTree).
    public override void KillTree() => UnixSignals.SignalGroup(Id, UnixSignals.Kill);

    public override async ValueTask DisposeAsync()
    {
        await stdout.DisposeAsync();
        await stderr.DisposeAsync();
    }

    private void Reap()
    {
        // Null only when something else reaped it (SIGCHLD set to be ignored): the status is lost, so the run fails.
        exitCode = PosixSpawn.WaitForExit(Id) ?? -1;
        exited.SetResult();
    }
}
