using System.Diagnostics;

namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>
/// A scheduler or agent of a chaos run in a process of its own (the built <c>easytask</c> / <c>easytask-agent</c>),
/// its output appended to a log file in the run's folder so a failure can be read afterwards.
/// </summary>
internal sealed class ChaosProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ChaosProcess(Process process, StreamWriter log)
    {
        this.process = process;
        this.log = log;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>dotnet</c> on the project's built dll with the given arguments and extra environment.</summary>
    public static ChaosProcess Start(string project, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(Infrastructure.RepositoryPaths.RepositoryRoot, project, "bin", configuration, "net10.0", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var writer = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        var chaos = new ChaosProcess(process, writer);
        process.OutputDataReceived += (_, e) => chaos.Write(e.Data);
        process.ErrorDataReceived += (_, e) => chaos.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return chaos;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: nothing flushed, no lease released, no goodbye.</summary>
    public void Kill9()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after disposal is of no interest.
            }
        }
    }
}
