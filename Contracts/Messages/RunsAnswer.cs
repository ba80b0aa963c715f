namespace EasyTask.Contracts.Messages;

/// <summary>
/// Event from an agent, the answer to <see cref="AskRuns"/>: where each run stands on the agent now. It travels with
/// the heartbeats, apart from the run events, so a queue of results never delays it.
/// </summary>
public sealed record RunsAnswer
{
    /// <summary>The question answered.</summary>
    public required Guid QuestionId { get; init; }

    /// <summary>The host asked (an agent may answer to several names).</summary>
    public required string Host { get; init; }

    /// <summary>One entry per run asked about, in any order.</summary>
    public required IReadOnlyList<RunWhereabouts> Runs { get; init; }

    /// <summary>When the agent answered.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The asking scheduler's address, from <see cref="AskRuns.ReplyTo"/>.</summary>
    public Uri? ReplyTo { get; init; }
}

/// <summary>Where a run attempt stands on its agent.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="State">
/// <c>waiting</c> (accepted, no process yet), <c>running</c>, <c>ended</c> (see <paramref name="EndedAt"/>), or
/// <c>unknown</c> (never received, or forgotten after the journal's retention).
/// </param>
/// <param name="EndedAt">When its process ended, on the agent's clock; set when <paramref name="State"/> is <c>ended</c>.</param>
public sealed record RunWhereabouts(string RunId, int Attempt, string State, DateTimeOffset? EndedAt = null)
{
    /// <summary>Accepted, waiting for a free slot or its start time; no process yet.</summary>
    public const string Waiting = "waiting";

    /// <summary>Its process is running.</summary>
    public const string Running = "running";

    /// <summary>Its process ended; the result is delivered or on its way.</summary>
    public const string Ended = "ended";

    /// <summary>The agent does not know the attempt: not received yet, or forgotten after the journal's retention.</summary>
    public const string Unknown = "unknown";
}
