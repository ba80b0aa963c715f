namespace EasyTask.Contracts.Messages;

/// <summary>Command to an agent: stop this run's process tree (the run ends TERMINATED, reason <c>killed</c>).</summary>
public sealed record CancelRun
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The attempt to stop.</summary>
    public required int Attempt { get; init; }

    /// <summary>Who asked, for the run's timeline.</summary>
    public string? RequestedBy { get; init; }
}
