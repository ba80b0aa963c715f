using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Dispatch;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>
/// The scheduler (no HTTP) and one agent named <c>bench</c>, over the given bus: two hosts talking through the
/// broker for RabbitMQ, one host with the agent on the scheduler's bus for in-memory (the standalone shape).
/// </summary>
internal static class DispatchBenchmarkHosts
{
    public const string AgentName = "bench";

    /// <summary>The agent's run slots: its default, set explicitly so the figures say what they were measured with.</summary>
    public const int Slots = 4;

    /// <param name="database">A database setting (<c>postgres:...</c>); null: a SQLite file in <paramref name="folder"/>.</param>
    /// <param name="slots">The agent's run slots; <see cref="Slots"/> unless given.</param>
    /// <param name="inProcessSeams">In-memory shape only: replaces services of the combined host (tests hold the agent's results back).</param>
    public static List<IHost> Build(string folder, BusSettings bus, string? database = null, int slots = Slots, Action<IServiceCollection>? inProcessSeams = null)
    {
        var builder = Host.CreateApplicationBuilder(Settings(["--name", AgentName, $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "logs")}", $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "journal")}", $"--EasyTask:Agent:MaxConcurrentRuns={slots}"]));
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(DatabaseOptions.Parse(database ?? $"sqlite:{Path.Combine(folder, "bench.db")}"));
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddRunLifecycle(builder.Configuration);
        if (bus.InMemory)
        {
            builder.Services.AddDispatch(builder.Configuration, bus, x => x.AddAgentConsumers(), (context, cfg) => cfg.ConfigureAgentQueues(context));
            builder.Services.AddInProcessAgent(builder.Configuration, []);
            inProcessSeams?.Invoke(builder.Services);
            return [builder.Build()];
        }

        // One broker user for both sides (the benchmark's EASYTASK_BUS): agent identities are not checked here.
        builder.Configuration["EasyTask:Bus:TrustedAgents"] = "false";
        builder.Services.AddDispatch(builder.Configuration, bus);
        var agent = Host.CreateApplicationBuilder(Settings(["--name", AgentName, "--EasyTask:Bus:TrustedAgents=false", $"--EASYTASK_AGENT_LOGS={Path.Combine(folder, "logs")}", $"--EASYTASK_AGENT_JOURNAL={Path.Combine(folder, "journal")}", $"--EasyTask:Agent:MaxConcurrentRuns={slots}"]));
        agent.Logging.ClearProviders();
        agent.Services.AddAgentDaemon(agent.Configuration, bus);
        return [builder.Build(), agent.Build()];
    }

    // The content root is watched recursively for settings changes: beside the binary, as the services have it, not the
    // working directory the benchmark may be started from (its own database and journal would wake the watcher).
    private static HostApplicationBuilderSettings Settings(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };
}
