namespace EasyTask.Contracts.Messages;

/// <summary>
/// Command to an agent: run this attempt of this run. Sent to the agent's own queue (<c>agent.&lt;name&gt;</c>).
/// Redelivery is expected (dispatch is at-least-once); the agent runs each (<see cref="RunId"/>, <see cref="Attempt"/>) once.
/// </summary>
public sealed record RunTask
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>1 for the first attempt, then one more per retry.</summary>
    public required int Attempt { get; init; }

    /// <summary>Task name, for logs and the <c>EASYTASK_TASK</c> variable.</summary>
    public required string Task { get; init; }

    /// <summary>The agent the run is meant for.</summary>
    public required string Host { get; init; }

    /// <summary>Shell command line.</summary>
    public required string Cmd { get; init; }

    /// <summary>OS user to run as; null means the agent's own user.</summary>
    public string? TaskOwner { get; init; }

    /// <summary>Working directory; null means the agent's default.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Seconds before the process tree is killed; 0 means no limit.</summary>
    public int MaxRunTime { get; init; }

    /// <summary>File for stdout, relative to the agent's log directory; null lets the agent choose.</summary>
    public string? Stdout { get; init; }

    /// <summary>File for stderr, relative to the agent's log directory; null lets the agent choose.</summary>
    public string? Stderr { get; init; }

    /// <summary>
    /// The occurrence's scheduled instant when the scheduler sent the run ahead of it (see the scheduler's
    /// <c>DispatchLead</c>): the agent prepares everything, then starts the process at this instant rather than on
    /// arrival. Null or past means at once. An agent never holds a run longer than its <c>MaxStartHold</c>, so a
    /// scheduler clock running ahead of the agent's cannot park a run.
    /// </summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>
    /// True when the scheduler reads reports folded into one another (<see cref="RunStarted.AcceptedAt"/>,
    /// <see cref="RunFinished.Start"/>): the agent may then hold a run's acceptance and start reports for a moment and
    /// send them inside the next report, so a short run costs two messages instead of four. An older scheduler leaves it
    /// false and gets every report on its own.
    /// </summary>
    public bool FoldReports { get; init; }

    /// <summary>When the scheduler sent this message (for latency figures).</summary>
    public DateTimeOffset SentAt { get; init; }
}
