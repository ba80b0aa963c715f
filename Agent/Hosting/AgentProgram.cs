using EasyTask.Agent.Benchmarks;

namespace EasyTask.Agent.Hosting;

/// <summary>The verbs of <c>easytask-agent</c>: <c>bench</c>, or (default) the daemon.</summary>
internal static class AgentProgram
{
    public static Task<int> RunAsync(string[] args) =>
        args.FirstOrDefault() == "bench"
            ? AgentBenchmark.RunAsync(args[1..], Console.Out, Console.Error)
            : AgentHost.RunDaemonAsync(args, Console.Error);
}
