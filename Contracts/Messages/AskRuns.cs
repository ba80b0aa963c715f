namespace EasyTask.Contracts.Messages;

/// <summary>
/// Command to an agent: say where these runs stand now. The scheduler asks before it records a <c>concurrency: skip</c>
/// behind a run whose result may still be on its way, so a skip is never decided on state the agent has moved past.
/// The agent answers with <see cref="RunsAnswer"/>.
/// </summary>
public sealed record AskRuns
{
    /// <summary>Matches the answer to the question.</summary>
    public required Guid QuestionId { get; init; }

    /// <summary>The host the runs were sent to (an agent may answer to several names).</summary>
    public required string Host { get; init; }

    /// <summary>The run attempts asked about.</summary>
    public required IReadOnlyList<AskedRun> Runs { get; init; }

    /// <summary>
    /// The asking scheduler's own address, copied into the answer: in a cluster the answer may reach another scheduler,
    /// which passes it on there.
    /// </summary>
    public Uri? ReplyTo { get; init; }
}

/// <summary>One run attempt in <see cref="AskRuns"/>.</summary>
public sealed record AskedRun(string RunId, int Attempt);
