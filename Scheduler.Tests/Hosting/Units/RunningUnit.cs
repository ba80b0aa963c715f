namespace EasyTask.Scheduler.Tests.Hosting.Units;

/// <summary>A unit's sandbox and its running service, torn down together.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class RunningUnit(UnitSandbox sandbox, UnitProcess process) : IAsyncDisposable
{
    public UnitSandbox Sandbox { get; } = sandbox;

    public UnitProcess Process { get; } = process;

    /// <summary>The first directory systemd made for <c>variable</c> (<c>STATE_DIRECTORY</c>, <c>LOGS_DIRECTORY</c>).</summary>
    public string Directory(string variable) => Sandbox.Environment[variable].Split(':')[0];

    /// <summary>Runs one of the published programs (<c>/opt/...</c>) to completion as the unit's user, in its working directory and environment.</summary>
    public async Task<string> RunAsServiceUserAsync(string program, IReadOnlyList<string> arguments) =>
        await Infrastructure.ExternalCommand.RunAsync(
            "setpriv",
            [
                $"--reuid={Sandbox.User}", $"--regid={Sandbox.Group}", "--init-groups", "--",
                "/usr/bin/env", "-i", .. Sandbox.Environment.Select(e => $"{e.Key}={e.Value}"),
                Path.Combine(await PublishedBinaries.GetAsync(), program.TrimStart('/')), .. arguments,
            ],
            TimeSpan.FromSeconds(60),
            Sandbox.WorkingDirectory);

    public static async Task<RunningUnit> StartAsync(string unitName, string environmentName, Func<UnitSandbox, Dictionary<string, string>> overrides)
    {
        var repository = Infrastructure.RepositoryPaths.RepositoryRoot;
        var published = await PublishedBinaries.GetAsync();
        var sandbox = await UnitSandbox.CreateAsync(
            Path.Combine(repository, "deploy", "systemd", unitName),
            Path.Combine(repository, "deploy", "config", environmentName));
        try
        {
            // The test's own servers replace the example ones; from here on the sandbox's environment is what the service sees.
            foreach (var (name, value) in overrides(sandbox))
            {
                sandbox.Environment[name] = value;
            }

            await sandbox.LoadCredentialsAsync();

            var process = await UnitProcess.StartAsync(sandbox, published, new Dictionary<string, string>());
            return new RunningUnit(sandbox, process);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>Fails with the service's output unless it sent <c>READY=1</c> within the unit's <c>TimeoutStartSec</c> (systemd's default 90 s).</summary>
    public async Task AssertReadyAsync()
    {
        var ready = await Process.Notify.WaitForAsync("READY=1", Sandbox.Unit.Duration("TimeoutStartSec", TimeSpan.FromSeconds(90)), () => Process.HasExited);
        Assert.That(ready, Is.True, $"{Sandbox.Unit.Path}: no READY=1 (exited: {Process.HasExited}); the service printed:\n{Process.Output}");
    }

    /// <summary>Stops it as <c>systemctl stop</c> would and fails unless it exits cleanly (status 0) within <c>TimeoutStopSec</c>.</summary>
    public async Task AssertStopsCleanlyAsync()
    {
        var timeout = Sandbox.Unit.Duration("TimeoutStopSec", TimeSpan.FromSeconds(90));
        var status = await Process.StopAsync(timeout);
        Assert.That(status, Is.Zero, $"{Sandbox.Unit.Path}: after SIGTERM, exit status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"none within {timeout}"}; the service printed:\n{Process.Output}");
        Assert.That(Process.Notify.Messages, Does.Contain("STOPPING=1"), "systemd is told the service is stopping");
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Sandbox.Dispose();
    }
}
