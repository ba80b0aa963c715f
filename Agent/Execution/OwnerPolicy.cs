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
        var named = Allowed.Contains(owner, Names);
        if (!named && Allowed.Contains(AnyUser, Names) && IsSuperuser(owner))
        {
            return Refuse(owner,
                $"task_owner '{owner}' is the superuser (uid 0), which '{AnyUser}' never allows on agent {options.Name}; " +
                $"to run tasks as root, name '{owner}' in {AgentOptions.Section}:AllowedOwners or {AgentOptionsSetup.OwnersVariable} explicitly");
        }

        if (!Allowed.Contains(AnyUser, Names) && !named)
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

    /// <summary>Whether the user name has uid 0 (root, or an alias such as toor), read from /etc/passwd.</summary>
    public static bool IsSuperuser(string user)
    {
        if (user == "root")
        {
            return true;
        }

        if (OperatingSystem.IsWindows() || !File.Exists("/etc/passwd"))
        {
            return false;
        }

        return File.ReadLines("/etc/passwd")
            .Select(line => line.Split(':'))
            .Any(fields => fields.Length > 2 && fields[0] == user && fields[2] == "0");
    }

    private static OwnerDecision Refuse(string owner, string why) => new(owner, RunAs: null, Refusal: why);
}
