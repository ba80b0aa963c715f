namespace EasyTask.Agent.Execution;

/// <summary>Whether a run may start for its <c>task_owner</c>, and whether it must switch user to do so.</summary>
/// <param name="Owner">The user the run is for (the agent's own user when the task names none).</param>
/// <param name="RunAs">The user to switch to, or null to run as the agent's own user.</param>
/// <param name="Refusal">Why the run may not start, or null when it may.</param>
internal sealed record OwnerDecision(string Owner, string? RunAs, string? Refusal);
