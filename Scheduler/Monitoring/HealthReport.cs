using System.Text.Json.Serialization;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>The monitoring health view (<c>GET /api/v1/monitoring/health</c>, <c>easytask status</c>).</summary>
internal sealed record HealthReport(
    string Status,
    DateTimeOffset At,
    QueueDepth Queue,
    IReadOnlyDictionary<string, int> RunsLastHour,
    [property: JsonPropertyName("runs_last_24h")] IReadOnlyDictionary<string, int> RunsLast24h,
    [property: JsonPropertyName("failure_rate_24h")] double? FailureRate24h,
    [property: JsonPropertyName("duration_24h")] DurationFigures Duration24h,
    int AgentsAlive,
    int AgentsLost,
    IReadOnlyList<AgentHealth> Agents,
    IReadOnlyList<BreakerState> CircuitBreakers,
    int FailedRuns,
    int AlertsUndelivered,
    IReadOnlyList<string> Problems);

/// <summary>Runs waiting in ACTIVE or TRIGGER.</summary>
internal sealed record QueueDepth(int Total, IReadOnlyDictionary<string, int> ByHost);

/// <summary>Durations of runs finished in the window, in seconds.</summary>
internal sealed record DurationFigures(int Runs, double? AverageSeconds, double? P95Seconds);

/// <summary>One agent in the health view.</summary>
internal sealed record AgentHealth(string Name, bool Alive, int Capacity, int Running, DateTimeOffset LastHeartbeat);
