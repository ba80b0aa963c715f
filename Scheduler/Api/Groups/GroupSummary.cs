using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Groups;

/// <summary>Counts a group's tasks by state, from the stored definitions and each task's latest run.</summary>
internal static class GroupSummary
{
    public static GroupResource Of(string group, IReadOnlyList<StoredTask> members, IReadOnlyDictionary<long, RunRecord> latest, bool withNames)
    {
        var active = members.Count(t => t.Definition.Active);
        var onHold = members.Count(t => t.OnHold);
        var last = members.Select(t => latest.TryGetValue(t.Definition.Tid, out var run) ? run.Status : (RunStatus?)null).ToList();
        var running = last.Count(s => s is RunStatus.Trigger or RunStatus.Started or RunStatus.Running);
        var failed = last.Count(s => s is RunStatus.Failed or RunStatus.Terminated);
        var state = onHold == members.Count ? "on_hold"
            : active == 0 ? "inactive"
            : active == members.Count && onHold == 0 ? "active"
            : "mixed";
        return new GroupResource(group, state, members.Count, active, members.Count - active, onHold, running, failed,
            withNames ? members.Select(t => t.Definition.Name).ToList() : null);
    }
}
