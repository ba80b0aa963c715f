using System.Collections.Concurrent;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Which agents are alive, from their heartbeats. An agent silent past <see cref="DispatchOptions.AgentTimeout"/>
/// is lost; its runs are resolved instead of staying RUNNING forever.
/// </summary>
internal sealed class AgentRegistry(IAgentStore store, IBusLink link, TimeProvider time, Microsoft.Extensions.Options.IOptions<DispatchOptions> options)
{
    private readonly ConcurrentDictionary<string, AgentHeartbeat> latest = new(StringComparer.Ordinal);
    private readonly DateTimeOffset since = time.GetUtcNow();

    public async Task HeardAsync(AgentHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        latest[heartbeat.Host] = heartbeat with { At = time.GetUtcNow() };
        await store.SaveAsync(new AgentRecord(heartbeat.Host, heartbeat.Version, heartbeat.Capacity, heartbeat.Running, time.GetUtcNow(), heartbeat.StartedAt), cancellationToken);
    }

    /// <summary>The agent's latest heartbeat since this scheduler started, or null.</summary>
    public AgentHeartbeat? LastHeartbeat(string host) => latest.GetValueOrDefault(host);

    /// <summary>Takes in heartbeats recorded in the database by any scheduler (a cluster shares the agents' queue), keeping the latest of each agent.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var agent in await store.ListAsync(cancellationToken))
        {
            if (!latest.TryGetValue(agent.Name, out var known) || known.At < agent.LastHeartbeat)
            {
                latest[agent.Name] = new AgentHeartbeat
                {
                    Host = agent.Name, Version = agent.Version, Capacity = agent.Capacity, Running = agent.Running, StartedAt = agent.StartedAt, At = agent.LastHeartbeat,
                    // Not stored; the same agent process (same start, to the database's precision) still answers as it said.
                    AnswersAskRuns = known is { AnswersAskRuns: true } && (known.StartedAt - agent.StartedAt).Duration() < TimeSpan.FromMilliseconds(1),
                };
            }
        }
    }

    /// <summary>True when the agent's last heartbeat is recent enough.</summary>
    public bool IsAlive(string host) => latest.TryGetValue(host, out var beat) && time.GetUtcNow() - beat.At <= options.Value.AgentTimeout;

    /// <summary>
    /// True when the agent must be considered gone: silent a whole timeout while the scheduler's own link to the
    /// broker was up (a restarted scheduler, or one whose broker blinked, first waits a timeout for heartbeats).
    /// </summary>
    public bool IsLost(string host)
    {
        if (link.UpSince is not { } up)
        {
            return false;
        }

        var last = latest.TryGetValue(host, out var beat) ? beat.At : since;
        var heardFrom = last > up ? last : up;
        return time.GetUtcNow() - heardFrom > options.Value.AgentTimeout;
    }

    /// <summary>What operators are told about a host with no live agent.</summary>
    public string Describe(string host) => latest.TryGetValue(host, out var beat)
        ? $"agent {host} was last heard from at {beat.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"
        : $"no agent named {host} has been heard from since the scheduler started; start easytask-agent --name {host}";
}
