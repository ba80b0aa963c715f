using System.Diagnostics.Metrics;

namespace EasyTask.Agent.Execution;

/// <summary>
/// The agent's own metrics (meter <c>EasyTask.Agent</c>), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (and shown by a standalone scheduler's <c>/metrics</c>). Labels stay bounded: stream names, never run ids.
/// </summary>
internal static class AgentMetrics
{
    public const string MeterName = "EasyTask.Agent";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds from accepting a run to its process running (owner, paths and working_dir checks, then the spawn).</summary>
    public static readonly Histogram<double> SpawnSeconds = Meter.CreateHistogram<double>(
        "easytask_agent_spawn_seconds", "s", "Time from accepting a run to its process running");

    /// <summary>Processes this agent is running now.</summary>
    public static readonly UpDownCounter<long> Running = Meter.CreateUpDownCounter<long>(
        "easytask_agent_runs_running", description: "Run processes running on this agent");

    /// <summary>Bytes of output streamed to the scheduler, by stream.</summary>
    public static readonly Counter<long> OutputBytes = Meter.CreateCounter<long>(
        "easytask_agent_output_bytes", "By", "Bytes of run output streamed to the scheduler");
}
