using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>An <c>easytask serve</c> in a process of its own, so a test can kill it the way a crash would (SIGKILL).</summary>
internal sealed class SchedulerProcess : IDisposable
{
    private readonly Process process;

    private SchedulerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    /// <summary>Starts the scheduler (authentication off: the test plays the operator) on a free loopback port and returns once it answers /health/ready.</summary>
    public static async Task<SchedulerProcess> StartAsync(string database, string busUrl, params string[] extra)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Infrastructure.RepositoryPaths.RepositoryRoot, "Scheduler", "bin", configuration, "net10.0", "easytask.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "serve", "--insecure-no-auth", $"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", $"--EasyTask:Database={database}", $"--EasyTask:Bus={busUrl}", "--Serilog:MinimumLevel:Default=Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in extra)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var scheduler = new SchedulerProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(120);
        while (TimeProvider.System.GetUtcNow() < deadline && !process.HasExited)
        {
            try
            {
                using var ready = await scheduler.Http.GetAsync("health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return scheduler;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        scheduler.Dispose();
        throw new InvalidOperationException("easytask serve did not become ready within 120 s");
    }

    /// <summary>SIGKILL: no goodbye, nothing flushed, nothing acknowledged that was not already.</summary>
    public void Crash()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        Http.Dispose();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
