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

    // Upstream name -> tids of the tasks waiting on it: a finished run looks up its dependents without walking every task.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, byte>> dependents = new(StringComparer.Ordinal);

    public int Count => byTid.Count;

    /// <summary>Raised with the tid after a task was put (saved, reloaded) or removed: its runs waiting for a slot re-sort.</summary>
    public event Action<long>? Changed;

    public IEnumerable<ScheduledTask> All => byTid.Values;

    public ScheduledTask? Find(long tid) => byTid.TryGetValue(tid, out var task) ? task : null;

    public ScheduledTask? Find(string name) => tidByName.TryGetValue(name, out var tid) ? Find(tid) : null;

    public void Put(ScheduledTask task)
    {
        if (byTid.TryGetValue(task.Tid, out var previous))
        {
            Unlink(previous);
            if (previous.Name != task.Name)
            {
                tidByName.TryRemove(previous.Name, out _);
            }
        }

        byTid[task.Tid] = task;
        tidByName[task.Name] = task.Tid;
        foreach (var upstream in UpstreamOf(task))
        {
            dependents.GetOrAdd(upstream, _ => new ConcurrentDictionary<long, byte>())[task.Tid] = 0;
        }

        Changed?.Invoke(task.Tid);
    }

    public ScheduledTask? Remove(string name)
    {
        if (!tidByName.TryRemove(name, out var tid))
        {
            return null;
        }

        if (!byTid.TryRemove(tid, out var removed))
        {
            return null;
        }

        Unlink(removed);
        Changed?.Invoke(tid);
        return removed;
    }

    /// <summary>Tasks that list <paramref name="upstream"/> in their <c>depends_on</c>.</summary>
    public IEnumerable<ScheduledTask> DependentsOf(string upstream) =>
        dependents.TryGetValue(upstream, out var tids) ? tids.Keys.Select(Find).OfType<ScheduledTask>() : [];

    private static IEnumerable<string> UpstreamOf(ScheduledTask task) => task.Definition.DependsOn?.Select(d => d.Task) ?? [];

    private void Unlink(ScheduledTask task)
    {
        foreach (var upstream in UpstreamOf(task))
        {
            if (dependents.TryGetValue(upstream, out var tids))
            {
                tids.TryRemove(task.Tid, out _);
            }
        }
    }
}
