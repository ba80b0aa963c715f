using EasyTask.Agent.Hosting;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Enforces <see cref="AgentOptions.AllowedOwners"/>: a task runs as its <c>task_owner</c> only when the agent's
/// configuration allows that user; by default only the agent's own user is allowed.
/// </summary>
internal sealed class OwnerPolicy(AgentOptions options, string agentUser, bool agentIsRoot)
{
    public const string AnyUser = "*";

    private static readonly StringComparer Names = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static OwnerPolicy ForCurrentProcess(AgentOptions options) =>
        new(options, Environment.UserName, !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess);

    public IReadOnlyList<string> Allowed => options.AllowedOwners.Count > 0 ? options.AllowedOwners : [agentUser];

    /// <summary>True when a task may run as a user other than the agent's own (a Linux agent running as root).</summary>
    public bool SwitchesUsers => agentIsRoot && !OperatingSystem.IsWindows();

    public OwnerDecision Decide(string? taskOwner)
    {
        var owner = string.IsNullOrWhiteSpace(taskOwner) ? agentUser : taskOwner.Trim();
        if (!Allowed.Contains(AnyUser, Names) && !Allowed.Contains(owner, Names))
        {
            return Refuse(owner,
                $"task_owner '{owner}' is not allowed on agent {options.Name} (allowed: {string.Join(", ", Allowed)}); " +
                $"to allow it, add it to {AgentOptions.Section}:AllowedOwners or {AgentOptionsSetup.OwnersVariable} in the agent's configuration and restart the agent");
        }

        if (Names.Equals(owner, agentUser))
        {
            return new OwnerDecision(owner, RunAs: null, Refusal: null);
        }

        if (OperatingSystem.IsWindows())
        {
            return Refuse(owner, $"task_owner '{owner}' differs from the agent's user '{agentUser}', and a Windows agent cannot switch users yet; run an agent as '{owner}' instead");
        }

        return agentIsRoot
            ? new OwnerDecision(owner, RunAs: owner, Refusal: null)
            : Refuse(owner, $"task_owner '{owner}' differs from the agent's user '{agentUser}', and only an agent running as root can switch users; run the agent as root or as '{owner}'");
    }

    private static OwnerDecision Refuse(string owner, string why) => new(owner, RunAs: null, Refusal: why);
}
