using System.Diagnostics;

namespace EasyTask.Agent.Execution.Launch;

/// <summary>
/// A shell started with .NET's <see cref="Process"/>: on Windows, and where <c>posix_spawn</c> is not used. On Unix
/// it is started through setsid(1) when present, which execs in place, so the pid .NET sees is the group id.
/// </summary>
internal sealed class DotnetChildProcess : ChildProcess
{
    private static readonly string? Setsid = OperatingSystem.IsWindows() ? null : ShellCommand.FirstExisting("/usr/bin/setsid", "/bin/setsid");

    private readonly Process process;
    private readonly Stream stdout;
    private readonly Stream stderr;

    private DotnetChildProcess(Process process)
    {
        this.process = process;
        stdout = process.StandardOutput.BaseStream;
        stderr = process.StandardError.BaseStream;
        CloseInput(process);
    }

    /// <summary>Starts <paramref name="start"/> (made by <see cref="ShellCommand"/>); throws <see cref="System.ComponentModel.Win32Exception"/> when it cannot.</summary>
    public static DotnetChildProcess Start(ProcessStartInfo start)
    {
        if (Setsid is not null)
        {
            start.ArgumentList.Insert(0, start.FileName);
            start.FileName = Setsid;
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new DotnetChildProcess(process);
    }

    public override int Id => process.Id;

    public override bool LeadsGroup => Setsid is not null;

    public override Stream Stdout => stdout;

    public override Stream Stderr => stderr;

    public override bool HasExited => process.HasExited;

    public override int ExitCode => process.ExitCode;

    public override Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    public override void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the decision to kill and the kill.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        // Process.Dispose leaves the redirected pipes to the finalizer once they were handed out; closing them here,
        // after the pumps are done, spares the finalizer thread three pipes per run.
        await stdout.DisposeAsync();
        await stderr.DisposeAsync();
        process.Dispose();
    }

    private static void CloseInput(Process process)
    {
        var input = process.StandardInput;
        var pipe = input.BaseStream;
        try
        {
            // The child reads end-of-file rather than the agent's own stdin.
            input.Close();
        }
        catch (IOException)
        {
            // It already exited. The pipe is closed here all the same, not left to the finalizer.
            pipe.Dispose();
        }
    }
}
