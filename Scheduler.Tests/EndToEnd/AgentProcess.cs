using System.Diagnostics;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>An <c>easytask-agent</c> in a process of its own, so a test can kill it the way a crash would (SIGKILL).</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process process;

    private AgentProcess(Process process) => this.process = process;

    public static AgentProcess Start(string name, string busUrl, string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        // The agent's own build output: the test folder's deps.json describes the tests, not the agent.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var agentDll = Path.Combine(Infrastructure.RepositoryPaths.RepositoryRoot, "Agent", "bin", configuration, "net10.0", "easytask-agent.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { agentDll, "--name", name },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["EASYTASK_BUS"] = busUrl;
        start.Environment["EASYTASK_AGENT_LOGS"] = Path.Combine(folder, "logs");
        start.Environment["EASYTASK_AGENT_JOURNAL"] = Path.Combine(folder, "journal");
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AgentProcess(process);
    }

    /// <summary>SIGKILL: no goodbye, no report; only the missing heartbeats tell the scheduler.</summary>
    public void Crash() => process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
