namespace EasyTask.Contracts.Messages;

/// <summary>Event from an agent, every few seconds: it is alive, and how busy it is.</summary>
public sealed record AgentHeartbeat
{
    /// <summary>The agent's name.</summary>
    public required string Host { get; init; }

    /// <summary>The agent's version.</summary>
    public required string Version { get; init; }

    /// <summary>How many runs it may run at once.</summary>
    public int Capacity { get; init; }

    /// <summary>How many runs it is running.</summary>
    public int Running { get; init; }

    /// <summary>The runs it is running, so the scheduler can tell a lost run from a live one.</summary>
    public IReadOnlyList<string> RunIds { get; init; } = [];

    /// <summary>When the agent process started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The OS user the agent runs as (a task without <c>task_owner</c> runs as this user); null from older agents.</summary>
    public string? User { get; init; }

    /// <summary>The <c>task_owner</c>s the agent accepts (<c>*</c> = any); null from older agents, meaning unknown.</summary>
    public IReadOnlyList<string>? AllowedOwners { get; init; }

    /// <summary>True when the agent can start a command as another user (a Linux agent running as root).</summary>
    public bool SwitchesUsers { get; init; }

    /// <summary>True when the agent answers <see cref="AskRuns"/>; older agents are not asked.</summary>
    public bool AnswersAskRuns { get; init; }

    /// <summary>When this heartbeat was sent.</summary>
    public DateTimeOffset At { get; init; }
}
