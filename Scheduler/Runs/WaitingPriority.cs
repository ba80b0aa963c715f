using System.Collections.Concurrent;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The priority a run waiting for a slot competes with now: its task's current definition (so a priority change applies to
/// runs still waiting), or an adhoc run's offered definition. Also holds those offered definitions, until the run is sent.
/// </summary>
internal sealed class WaitingPriority(TaskRegistry registry)
{
    // Definitions of runs that are not their task's (adhoc), until sent.
    private readonly ConcurrentDictionary<string, TaskDefinition> offered = new(StringComparer.Ordinal);

    /// <summary>Remembers the definition a run was offered with, when it is not its task's (an adhoc run).</summary>
    public void Offer(RunRecord run, TaskDefinition definition)
    {
        if (registry.Find(run.Tid)?.Definition is null)
        {
            offered[run.RunId] = definition;
        }
    }

    /// <summary>The definition the run was offered with, or null (a task's run, or one offered to another scheduler).</summary>
    public TaskDefinition? Offered(string runId) => offered.GetValueOrDefault(runId);

    /// <summary>The run was sent: its offered definition is no longer needed.</summary>
    public void Forget(string runId) => offered.TryRemove(runId, out _);

    /// <summary>
    /// The run's priority now; null when it has nothing to compete with (its task is gone and it is not adhoc: it takes no slot,
    /// the run watch ends it). An adhoc run offered to another scheduler competes at 0.
    /// </summary>
    public int? Of(RunRecord run)
    {
        if (registry.Find(run.Tid)?.Definition is { } definition)
        {
            return definition.Priority;
        }

        return run.Adhoc ? (Offered(run.RunId)?.Priority ?? 0) : null;
    }
}
