using System.Globalization;

namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>
/// How hard one chaos run shakes the cluster: how many tasks fire how often, for how long, and how many times the
/// leader, the broker and an agent are taken down. <see cref="Short"/> is the CI form; <see cref="Full"/> the
/// five-minute form <c>deploy/chaos.sh</c> runs (<c>EASYTASK_CHAOS=full</c>).
/// </summary>
internal sealed record ChaosPlan(
    string Name,
    int Tasks,
    int PeriodSeconds,
    TimeSpan Duration,
    int LeaderKills,
    int BrokerRestarts,
    int AgentKills,
    TimeSpan Drain)
{
    /// <summary>Environment variable choosing the form: <c>full</c> for the five-minute run, anything else the short one.</summary>
    public const string Variable = "EASYTASK_CHAOS";

    /// <summary>About 90 s of chaos on 40 tasks: what CI can afford on a loaded two-core machine.</summary>
    public static ChaosPlan Short { get; } = new("short", 40, 10, TimeSpan.FromSeconds(90), 3, 1, 1, TimeSpan.FromSeconds(60));

    /// <summary>The run: 200 tasks for 5 minutes, 10 leader kills, 3 broker restarts, 3 agent kills.</summary>
    public static ChaosPlan Full { get; } = new("full", 200, 10, TimeSpan.FromMinutes(5), 10, 3, 3, TimeSpan.FromSeconds(60));

    public static ChaosPlan FromEnvironment()
    {
        var plan = string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase) ? Full : Short;
        return int.TryParse(Environment.GetEnvironmentVariable(Variable + "_TASKS"), CultureInfo.InvariantCulture, out var tasks) && tasks > 0
            ? plan with { Tasks = tasks }
            : plan;
    }

    /// <summary>The disruptions in the order they happen, spread evenly over the run (leader kills interleaved with the rest).</summary>
    public IReadOnlyList<ChaosAction> Schedule()
    {
        var actions = new List<ChaosAction>();
        actions.AddRange(Enumerable.Repeat(ChaosAction.KillLeader, LeaderKills));
        var others = Enumerable.Repeat(ChaosAction.RestartBroker, BrokerRestarts).Concat(Enumerable.Repeat(ChaosAction.KillAgent, AgentKills)).ToList();

        // Interleave: a broker restart or agent kill after every few leader kills.
        var result = new List<ChaosAction>();
        var step = others.Count == 0 ? int.MaxValue : Math.Max(1, actions.Count / others.Count);
        var next = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            result.Add(actions[i]);
            if ((i + 1) % step == 0 && next < others.Count)
            {
                result.Add(others[next++]);
            }
        }

        result.AddRange(others.Skip(next));
        return result;
    }
}
