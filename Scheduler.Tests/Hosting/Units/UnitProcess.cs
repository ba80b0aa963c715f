using System.Diagnostics;
using System.Globalization;
using System.Text;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting.Units;

/// <summary>
/// A service started the way its unit starts it, with no systemd at hand: the unit's <c>ExecStart</c> (with
/// <c>/opt</c> standing for the published folders' <c>opt</c>) as the unit's <c>User</c>/<c>Group</c> (setpriv), with
/// exactly the sandbox's environment, <c>UMask</c>, the <c>WorkingDirectory</c>, and a <c>NOTIFY_SOCKET</c>.
/// .NET's systemd integration only speaks to systemd when its parent process is called <c>systemd</c>, so the
/// parent is a shell started under that name; it waits for the service and passes on its exit status.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class UnitProcess : IAsyncDisposable
{
    private const string InstallFolder = "/opt/";
    private readonly Process wrapper;
    private readonly StringBuilder output = new();

    private UnitProcess(Process wrapper, NotifySocket notify)
    {
        this.wrapper = wrapper;
        Notify = notify;
    }

    public NotifySocket Notify { get; }

    /// <summary>The service's own process id (what systemd calls the main PID).</summary>
    public int MainPid { get; private set; }

    public bool HasExited => wrapper.HasExited;

    /// <summary>What the service wrote to standard output and error (the journal, under systemd).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<UnitProcess> StartAsync(UnitSandbox sandbox, string publishedRoot, IReadOnlyDictionary<string, string> overrides)
    {
        var unit = sandbox.Unit;
        if (unit.Get("Type") != "notify")
        {
            throw new InvalidOperationException($"{unit.Path}: Type={unit.Get("Type")}; this test expects Type=notify");
        }

        var command = unit.Require("ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!command[0].StartsWith(InstallFolder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{unit.Path}: ExecStart={command[0]} is not under {InstallFolder}, where the README installs the binaries");
        }

        var notify = new NotifySocket(Path.Combine(sandbox.Root, "notify.sock"));
        var environment = new Dictionary<string, string>(sandbox.Environment, StringComparer.Ordinal) { ["NOTIFY_SOCKET"] = notify.Path };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        var shell = Path.Combine(sandbox.Root, "systemd");
        File.CreateSymbolicLink(shell, "/bin/bash");
        var start = new ProcessStartInfo(shell)
        {
            WorkingDirectory = sandbox.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        string[] arguments =
        [
            "-c", "umask \"$0\"; \"$@\"; exit $?", unit.Get("UMask") ?? "0022",
            "setpriv", $"--reuid={sandbox.User}", $"--regid={sandbox.Group}", "--init-groups", "--",
            "/usr/bin/env", "-i", .. environment.Select(e => $"{e.Key}={e.Value}"),
            Path.Combine(publishedRoot, "opt", command[0][InstallFolder.Length..]), .. command[1..],
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var service = new UnitProcess(process, notify);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        service.MainPid = await FindChildAsync(process.Id);
        return service;
    }

    /// <summary>What systemd does on <c>systemctl stop</c>: SIGTERM to the main process, then waits up to <c>TimeoutStopSec</c>. Null if it did not exit in time.</summary>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        await ExternalCommand.RunAsync("kill", ["-s", "TERM", MainPid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await wrapper.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        await wrapper.WaitForExitAsync();
        return wrapper.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!wrapper.HasExited)
        {
            // What KillMode= does after the timeout: nothing of the service may outlive the test.
            wrapper.Kill(entireProcessTree: true);
            await wrapper.WaitForExitAsync();
        }

        wrapper.Dispose();
        Notify.Dispose();
    }

    private static async Task<int> FindChildAsync(int parent)
    {
        var children = $"/proc/{parent}/task/{parent}/children";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var text = File.Exists(children) ? await File.ReadAllTextAsync(children) : "";
            if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..])
            {
                return int.Parse(first, CultureInfo.InvariantCulture);
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"the service shell (pid {parent}) started no service process");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
