using System.Collections.Concurrent;
using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Storage;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// Accepts an agent's event only from that agent. On RabbitMQ each agent has a broker user of its own
/// (<see cref="BrokerUsers.Agent"/>) and stamps it as <c>user_id</c>, which the broker validates: an event must carry
/// the user of the host it names, and that host must be the run's host (the attempt is checked where the event is
/// recorded). Anything else is dropped, with one log line per 10 s. On by default with RabbitMQ;
/// <c>EasyTask:Bus:TrustedAgents=false</c> turns it off for a broker where everyone shares one user (development).
/// The in-process bus has no broker users: nothing to check.
/// </summary>
internal sealed partial class AgentEventAuthenticity
{
    public const string EnabledKey = "EasyTask:Bus:TrustedAgents";
    private const int MaxRemembered = 100_000;

    private readonly IRunStore runs;
    private readonly ILogger<AgentEventAuthenticity> log;
    private readonly RefusalThrottle throttle;

    // A run's host never changes, so it is looked up once per run, not once per output batch.
    private readonly ConcurrentDictionary<string, string> hosts = new(StringComparer.Ordinal);

    public AgentEventAuthenticity(BusSettings bus, IConfiguration configuration, IRunStore runs, TimeProvider time, ILogger<AgentEventAuthenticity> log)
    {
        this.runs = runs;
        this.log = log;
        throttle = new RefusalThrottle(time);
        Enforced = !bus.InMemory && configuration.GetValue(EnabledKey, true);
    }

    /// <summary>Whether events are checked at all.</summary>
    public bool Enforced { get; }

    /// <summary>A run event naming its agent: the sender must be that agent, and the run must be on that agent's host.</summary>
    public async Task<bool> AdmitsAsync(ConsumeContext context, string runId, string host, string kind)
    {
        if (!Enforced)
        {
            return true;
        }

        var sender = BrokerIdentity.UserId(context);
        if (sender != BrokerUsers.Agent(host))
        {
            return Refuse(kind, runId, host, sender, $"the sender is not agent {host}'s broker user {BrokerUsers.Agent(host)}");
        }

        var runHost = await RunHostAsync(runId, context.CancellationToken);
        return runHost is null || runHost == host || Refuse(kind, runId, host, sender, $"the run belongs to host {runHost}");
    }

    /// <summary>Output names no host: its sender must be the run's agent.</summary>
    public async Task<bool> AdmitsOutputAsync(ConsumeContext context, string runId)
    {
        if (!Enforced)
        {
            return true;
        }

        var sender = BrokerIdentity.UserId(context);
        var runHost = await RunHostAsync(runId, context.CancellationToken);
        return runHost is not null && sender == BrokerUsers.Agent(runHost)
            || Refuse("RunOutput", runId, "?", sender, runHost is null ? "no such run" : $"the run belongs to host {runHost}");
    }

    /// <summary>A heartbeat (or an agent's answer) speaks for the host it names only.</summary>
    public bool AdmitsHeartbeat(ConsumeContext context, string host, string kind = nameof(AgentHeartbeat))
    {
        var sender = Enforced ? BrokerIdentity.UserId(context) : null;
        return !Enforced || sender == BrokerUsers.Agent(host)
            || Refuse(kind, "-", host, sender, $"the sender is not agent {host}'s broker user {BrokerUsers.Agent(host)}");
    }

    private async Task<string?> RunHostAsync(string runId, CancellationToken cancellationToken)
    {
        if (hosts.TryGetValue(runId, out var known))
        {
            return known;
        }

        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        if (hosts.Count >= MaxRemembered)
        {
            hosts.Clear();
        }

        hosts[runId] = run.Host;
        return run.Host;
    }

    private bool Refuse(string kind, string runId, string host, string? sender, string reason)
    {
        if (throttle.Allow(out var suppressed))
        {
            LogRefused(log, kind, runId, host, sender ?? "(none)", reason, suppressed);
        }

        return false;
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning,
        Message = "Agent event refused and dropped: {Kind} for run {RunId} claiming host {Host}, broker user_id {Sender}: {Reason} ({Suppressed} more refusals not logged since the last line)")]
    private static partial void LogRefused(ILogger logger, string kind, string runId, string host, string sender, string reason, long suppressed);
}
