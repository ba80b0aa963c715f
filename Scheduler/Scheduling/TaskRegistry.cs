using System.Collections.Concurrent;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// The engine's in-memory view of every task and its schedule, rebuilt from the database at start
/// and kept current by definition changes. The database stays the truth; this is a cache of it.
/// </summary>
internal sealed class TaskRegistry
{
    private readonly ConcurrentDictionary<long, ScheduledTask> byTid = new();
    private readonly ConcurrentDictionary<string, long> tidByName = new(StringComparer.Ordinal);

    public int Count => byTid.Count;

    public IEnumerable<ScheduledTask> All => byTid.Values;

    public ScheduledTask? Find(long tid) => byTid.TryGetValue(tid, out var task) ? task : null;

    public ScheduledTask? Find(string name) => tidByName.TryGetValue(name, out var tid) ? Find(tid) : null;

    public void Put(ScheduledTask task)
    {
        if (byTid.TryGetValue(task.Tid, out var previous) && previous.Name != task.Name)
        {
            tidByName.TryRemove(previous.Name, out _);
        }

        byTid[task.Tid] = task;
        tidByName[task.Name] = task.Tid;
    }

    public ScheduledTask? Remove(string name)
    {
        if (!tidByName.TryRemove(name, out var tid))
        {
            return null;
        }

        return byTid.TryRemove(tid, out var removed) ? removed : null;
    }

    /// <summary>Tasks that list <paramref name="upstream"/> in their <c>depends_on</c>.</summary>
    public IEnumerable<ScheduledTask> DependentsOf(string upstream) =>
        byTid.Values.Where(t => t.Definition.DependsOn?.Any(d => d.Task == upstream) == true);
}
