using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// A long-running server the test run started in a session of its own (<c>setsid</c>), so that whatever it spawns
/// shares one process group the run can find and end later, even after a wrapper exited, and nothing else is
/// ever signalled.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int OutputLimit = 64 * 1024;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(Process process) => this.process = process;

    /// <summary>The process group (and session) id: setsid runs in place, as .NET never starts a group leader.</summary>
    public int GroupId => process.Id;

    /// <summary>Whether the session's first process (the wrapper or the server itself) has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The last part of what the process printed on its standard output and error.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.Length == 0 ? "(nothing)" : output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="program"/> with exactly <paramref name="environment"/> (nothing inherited from the test
    /// run), as <paramref name="user"/> through runuser when one is given.
    /// </summary>
    public static ServerProcess Start(
        string program,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string? user,
        string workingDirectory)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (user is not null)
        {
            foreach (var argument in new[] { "runuser", "-u", user, "--" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.ArgumentList.Add("/usr/bin/env");
        start.ArgumentList.Add("-i");
        foreach (var (name, value) in environment)
        {
            start.ArgumentList.Add($"{name}={value}");
        }

        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"cannot start `setsid {string.Join(' ', start.ArgumentList)}`: {ex.Message}", ex);
        }

        // The server must never read the test run's own standard input.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Asks the group's process named <paramref name="serverName"/> (<c>beam.smp</c>, <c>epmd</c>) to stop with
    /// SIGTERM, so that it shuts down in order and its wrappers exit after it; whatever of the group is still there
    /// after <paramref name="grace"/> is killed. Throws if some of it survives even that.
    /// </summary>
    public async Task StopAsync(string serverName, TimeSpan grace)
    {
        var members = ProcessGroup.Members(GroupId);
        var targets = members.Where(m => m.Name == serverName).Select(m => m.Pid).ToList();
        if (targets.Count == 0)
        {
            targets = members.Select(m => m.Pid).ToList();
        }

        await SignalAsync("TERM", targets.Select(pid => pid.ToString(CultureInfo.InvariantCulture)));
        if (await WaitUntilGoneAsync(grace))
        {
            return;
        }

        await SignalAsync("KILL", ["--", $"-{GroupId.ToString(CultureInfo.InvariantCulture)}"]);
        if (!await WaitUntilGoneAsync(KillTimeout))
        {
            var left = string.Join(", ", ProcessGroup.Members(GroupId).Select(m => $"{m.Name} ({m.Pid})"));
            throw new InvalidOperationException($"processes of group {GroupId} survived SIGKILL: {left}");
        }
    }

    /// <summary>Kills the whole group at once and waits briefly: for a test host that is exiting anyway.</summary>
    public void Kill()
    {
        if (ProcessGroup.Members(GroupId).Count == 0)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", "KILL", "--", $"-{GroupId.ToString(CultureInfo.InvariantCulture)}"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        });
        kill?.WaitForExit(2000);
    }

    public void Dispose() => process.Dispose();

    private static async Task SignalAsync(string signal, IEnumerable<string> targets)
    {
        try
        {
            await ExternalCommand.RunAsync("kill", ["-s", signal, .. targets], TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // A process that exited between the look-up and the signal is what we wanted anyway.
        }
    }

    private async Task<bool> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited && ProcessGroup.Members(GroupId).Count == 0)
            {
                // The parameterless wait drains the output readers, so Output is complete.
                await process.WaitForExitAsync();
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > OutputLimit)
            {
                output.Remove(0, output.Length - OutputLimit);
            }
        }
    }
}
