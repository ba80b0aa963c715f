namespace EasyTask.Contracts.Definitions;

/// <summary>The kinds of alert the scheduler raises, as named in definitions (<c>notify.on</c>) and configuration.</summary>
public static class AlertKinds
{
    /// <summary>A run failed for good (retries exhausted or a permanent failure).</summary>
    public const string Failed = "failed";

    /// <summary>A run was killed for passing its max_run_time.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>A run's agent stopped heartbeating.</summary>
    public const string AgentLost = "agent_lost";

    /// <summary>A run did not start within its task's late_after.</summary>
    public const string Late = "late";

    /// <summary>A run is still going past its task's expected_duration.</summary>
    public const string LongRunning = "long_running";

    /// <summary>A host's circuit breaker opened.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>A run succeeded (only sent where a rule or notify asks for it).</summary>
    public const string Succeeded = "succeeded";

    /// <summary>A run succeeded after failed attempts or a manual retry.</summary>
    public const string Recovered = "recovered";

    /// <summary>Every kind, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [Failed, TimedOut, AgentLost, Late, LongRunning, CircuitOpen, Succeeded, Recovered];
}
