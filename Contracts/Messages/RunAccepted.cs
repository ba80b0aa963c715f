namespace EasyTask.Contracts.Messages;

/// <summary>Event from an agent: it has the run and journaled it (the scheduler records STARTED).</summary>
public sealed record RunAccepted
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The attempt accepted.</summary>
    public required int Attempt { get; init; }

    /// <summary>The agent that accepted it.</summary>
    public required string Host { get; init; }

    /// <summary>When the agent accepted it.</summary>
    public DateTimeOffset At { get; init; }
}
