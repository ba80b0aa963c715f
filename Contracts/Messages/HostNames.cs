namespace EasyTask.Contracts.Messages;

/// <summary>How scheduler and agent log lines name the host of a run, so both read the same.</summary>
public static class HostNames
{
    /// <summary>
    /// The name the task asked for (<c>run_on_host</c>), with the agent's own name beside it when they differ
    /// (standalone's agent answers to <c>localhost</c> and to the machine name): <c>localhost (agent dev-01)</c>.
    /// </summary>
    public static string Describe(string agentName, string requested) =>
        string.IsNullOrEmpty(requested) || string.Equals(agentName, requested, StringComparison.Ordinal) ? agentName : $"{requested} (agent {agentName})";
}
