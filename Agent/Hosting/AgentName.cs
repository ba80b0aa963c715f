using System.Text.RegularExpressions;

namespace EasyTask.Agent.Hosting;

/// <summary>
/// The name an agent answers to (tasks' <c>run_on_host</c>, queue <c>agent.&lt;name&gt;</c>):
/// <c>--name</c>, else <c>EASYTASK_AGENT_NAME</c>, else the machine's host name.
/// </summary>
internal static partial class AgentName
{
    public const string Variable = "EASYTASK_AGENT_NAME";

    public static string Resolve(string? commandLine, string? environment, string machineName)
    {
        var chosen = FirstNonBlank(commandLine, environment) ?? machineName;
        if (!Pattern().IsMatch(chosen))
        {
            throw new ArgumentException(
                $"agent name \"{chosen}\" must use only letters, digits, '_', '.', '-' (at most 253 characters): it becomes the queue agent.<name>");
        }

        return chosen;
    }

    private static string? FirstNonBlank(params string?[] candidates) =>
        candidates.Select(c => c?.Trim()).FirstOrDefault(c => !string.IsNullOrEmpty(c));

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,253}$")]
    private static partial Regex Pattern();
}
