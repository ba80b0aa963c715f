using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Agents;

/// <summary>
/// What would stop a task from ever running although its definition is valid: no agent by its <c>run_on_host</c>
/// has ever been heard from, or that agent does not accept its <c>task_owner</c>. Said at insert and in explain,
/// so "armed on the clock" is never the whole story.
/// </summary>
internal sealed class TaskWarnings(IAgentStore agents, AgentRegistry registry)
{
    public async Task<Snapshot> SnapshotAsync(CancellationToken ct)
    {
        var known = (await agents.ListAsync(ct)).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return new Snapshot(known, registry);
    }

    public async Task<IReadOnlyList<string>> ForAsync(TaskDefinition definition, CancellationToken ct) =>
        (await SnapshotAsync(ct)).For(definition);

    /// <summary>The agents as read once, for checking many tasks.</summary>
    internal sealed class Snapshot(HashSet<string> known, AgentRegistry registry)
    {
        public IReadOnlyList<string> For(TaskDefinition d)
        {
            var beat = registry.LastHeartbeat(d.RunOnHost);
            if (beat is null && !known.Contains(d.RunOnHost))
            {
                return [$"run_on_host: no agent named \"{d.RunOnHost}\" has ever been heard from; runs will wait in TRIGGER until one starts (easytask-agent --name {d.RunOnHost}). Agents heard from: {(known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal)))}"];
            }

            return OwnerProblem(d, beat) is { } problem ? [problem] : [];
        }

        private static string? OwnerProblem(TaskDefinition d, Contracts.Messages.AgentHeartbeat? beat)
        {
            if (beat?.AllowedOwners is not { } allowed || string.IsNullOrWhiteSpace(d.TaskOwner) || d.TaskOwner == beat.User)
            {
                return null;
            }

            if (!allowed.Contains("*") && !allowed.Contains(d.TaskOwner))
            {
                return $"task_owner: agent {d.RunOnHost} does not allow owner \"{d.TaskOwner}\" (allowed: {string.Join(", ", allowed)}); its runs will end FAILED without starting. Set EASYTASK_AGENT_ALLOWED_OWNERS on the agent, or change task_owner";
            }

            return beat.SwitchesUsers
                ? null
                : $"task_owner: agent {d.RunOnHost} runs as \"{beat.User}\" and cannot switch to \"{d.TaskOwner}\" (only an agent running as root can); its runs will end FAILED without starting";
        }
    }
}
