namespace EasyTask.Contracts.Messages;

/// <summary>Event from an agent: the process is alive (the scheduler records RUNNING).</summary>
public sealed record RunStarted
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The attempt started.</summary>
    public required int Attempt { get; init; }

    /// <summary>The agent running it.</summary>
    public required string Host { get; init; }

    /// <summary>OS process id of the command's shell.</summary>
    public int ProcessId { get; init; }

    /// <summary>Where the captured streams are written, on the agent.</summary>
    public string? StdoutPath { get; init; }

    /// <summary>Where the captured stderr is written, on the agent.</summary>
    public string? StderrPath { get; init; }

    /// <summary>When the process started.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// When the agent accepted the run, when this report also stands for its acceptance (the agent held RunAccepted and
    /// the process started meanwhile); null when RunAccepted was sent on its own.
    /// </summary>
    public DateTimeOffset? AcceptedAt { get; init; }
}
