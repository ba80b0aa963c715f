namespace EasyTask.Scheduler.Monitoring;

/// <summary>The per-host circuit breaker (<c>EasyTask:CircuitBreaker</c>).</summary>
internal sealed class BreakerOptions
{
    public const string Section = "EasyTask:CircuitBreaker";

    /// <summary>Consecutive host-level failures (agent lost, shell not spawned) that open a host's breaker. Default 5.</summary>
    public int Threshold { get; set; } = 5;

    /// <summary>How long an open breaker holds runs back before one run probes the host (half-open). Default 60 s.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromSeconds(60);
}
