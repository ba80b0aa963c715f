namespace EasyTask.Agent.Execution.Launch;

/// <summary>
/// A run's started shell, however it was started (<see cref="ProcessLauncher"/>): its pid, its stdout and stderr to
/// read, and its end. The agent reads both streams to their end and waits for the exit; nothing else of the child
/// is needed, which is what lets the launch method change underneath.
/// </summary>
internal abstract class ChildProcess : IAsyncDisposable
{
    /// <summary>The shell's pid; the process group (and session) id when <see cref="LeadsGroup"/>.</summary>
    public abstract int Id { get; }

    /// <summary>True when the shell leads its own session and process group, so the whole tree can be signalled at once.</summary>
    public abstract bool LeadsGroup { get; }

    public abstract Stream Stdout { get; }

    public abstract Stream Stderr { get; }

    public abstract bool HasExited { get; }

    /// <summary>The exit status once exited; 128 + the signal number when a signal ended it (as a shell reports it).</summary>
    public abstract int ExitCode { get; }

    public abstract Task WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Kills the shell and what .NET can find of its children: only for a shell without a group of its own.</summary>
    public abstract void KillTree();

    public abstract ValueTask DisposeAsync();
}
