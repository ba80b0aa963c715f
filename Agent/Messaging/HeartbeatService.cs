using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// Tells the scheduler every few seconds that this agent lives, how busy it is and which runs it has, for each
/// name it answers to. Silence past the scheduler's timeout means its runs are resolved as agent_lost.
/// </summary>
internal sealed partial class HeartbeatService(
    RunSupervisor supervisor,
    BusEventSink sink,
    AgentNames names,
    BrokerReachability broker,
    Microsoft.Extensions.Options.IOptions<Hosting.AgentOptions> options,
    TimeProvider time,
    ILogger<HeartbeatService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly string Version = typeof(HeartbeatService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow();
        var owners = OwnerPolicy.ForCurrentProcess(options.Value);
        var healthy = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var name in names.All)
                {
                    var running = supervisor.RunningRunIds;
                    await sink.HeartbeatAsync(
                        new AgentHeartbeat { Host = name, Version = Version, Capacity = supervisor.Capacity, Running = running.Count, RunIds = running, StartedAt = started, At = time.GetUtcNow(),
                            User = Environment.UserName, AllowedOwners = owners.Allowed, SwitchesUsers = owners.SwitchesUsers, AnswersAskRuns = true },
                        stoppingToken);
                }

                broker.Reached(time.GetUtcNow());
                if (!healthy)
                {
                    // The link is back: hand over what waited in the journal now rather than at the next retry tick.
                    await supervisor.ResendUndeliveredAsync(stoppingToken);
                }

                healthy = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                healthy = false;
                broker.Failed();
                LogUnreachable(log, ex.Message);
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat not sent, the scheduler's queue is unreachable: {Reason}; runs go on and results wait in the journal")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
