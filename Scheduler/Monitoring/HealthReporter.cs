using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>Puts the health view together from the database, the agents' heartbeats and the breakers; also feeds the gauges.</summary>
internal sealed class HealthReporter(IMonitoringStore store, IAgentStore agentStore, AgentRegistry agents, CircuitBreakers breakers, RunMetrics metrics, TimeProvider time)
{
    public async Task<HealthReport> ReportAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var figures = await store.HealthAsync(now, cancellationToken);
        var agentList = (await agentStore.ListAsync(cancellationToken))
            .Select(a => new AgentHealth(a.Name, agents.IsAlive(a.Name), a.Capacity, a.Running, a.LastHeartbeat)).ToList();
        // Every known agent reads 0 rather than vanishing from the gauge when nothing waits for it.
        metrics.SetQueue(agentList.Select(a => a.Name).Concat(figures.QueueByHost.Keys).Distinct(StringComparer.Ordinal)
            .ToDictionary(h => h, h => figures.QueueByHost.GetValueOrDefault(h), StringComparer.Ordinal));
        metrics.SetAgentsAlive(agentList.Count(a => a.Alive));

        var finished = figures.LastDay.Where(p => p.Key is "SUCCESS" or "FAILED" or "TERMINATED").Sum(p => p.Value);
        var failed = figures.LastDay.Where(p => p.Key is "FAILED" or "TERMINATED").Sum(p => p.Value);
        var open = breakers.Open();
        var problems = new List<string>();
        problems.AddRange(open.Select(b => $"circuit breaker for host {b.Host} is {b.State.Replace('_', '-')}"));
        problems.AddRange(agentList.Where(a => !a.Alive).Select(a => $"agent {a.Name} is not heartbeating"));
        if (figures.AlertsUndelivered > 0)
        {
            problems.Add($"{figures.AlertsUndelivered} alert deliveries pending");
        }

        return new HealthReport(
            problems.Count == 0 ? "ok" : "degraded",
            now,
            new QueueDepth(figures.QueueByHost.Values.Sum(), figures.QueueByHost),
            figures.LastHour,
            figures.LastDay,
            finished == 0 ? null : Math.Round((double)failed / finished, 4),
            Durations(figures.DurationsMsLastDay),
            agentList.Count(a => a.Alive),
            agentList.Count(a => !a.Alive),
            agentList,
            open,
            figures.FailedListSize,
            figures.AlertsUndelivered,
            problems);
    }

    private static DurationFigures Durations(IReadOnlyList<long> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new DurationFigures(0, null, null);
        }

        var sorted = milliseconds.Order().ToList();
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return new DurationFigures(sorted.Count, Math.Round(sorted.Average() / 1000.0, 3), Math.Round(p95 / 1000.0, 3));
    }
}
