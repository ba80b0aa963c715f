using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The runs waiting for a slot (in TRIGGER, not yet sent), per host in dispatch order: priority (higher first), then scheduled
/// time, then creation, then run id, a total order. Taking the best few, adding a run and removing one cost log n, so a pass of
/// the slot queue costs what changed rather than every run waiting. A run without a priority (its task is gone and it is not
/// adhoc) is held apart: it takes no slot and never blocks the queue. Runs are grouped by task, so a task's priority change
/// re-keys only that task's runs. Not thread-safe: its owner (<see cref="InFlightIndex"/>) locks.
/// </summary>
internal sealed class WaitingRuns
{
    private readonly Dictionary<string, SortedSet<Waiter>> byHost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Waiter> byRun = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> byTask = [];

    /// <summary>How many of the host's runs compete for its slots.</summary>
    public int Count(string host) => byHost.TryGetValue(host, out var queue) ? queue.Count : 0;

    /// <summary>Takes in a run waiting, with its priority now; null when it has none (it is held apart and takes no slot).</summary>
    public void Add(RunRecord run, int? priority)
    {
        Remove(run.RunId);
        var waiter = new Waiter(run, priority);
        byRun[run.RunId] = waiter;
        if (!byTask.TryGetValue(run.Tid, out var runs))
        {
            byTask[run.Tid] = runs = new HashSet<string>(StringComparer.Ordinal);
        }

        runs.Add(run.RunId);
        Enqueue(waiter);
    }

    /// <summary>Drops the run (sent, moved on, or gone); false when it was not held.</summary>
    public bool Remove(string runId)
    {
        if (!byRun.Remove(runId, out var waiter))
        {
            return false;
        }

        Dequeue(waiter);
        if (byTask.TryGetValue(waiter.Run.Tid, out var runs) && runs.Remove(runId) && runs.Count == 0)
        {
            byTask.Remove(waiter.Run.Tid);
        }

        return true;
    }

    /// <summary>The task's definition changed (or it was deleted): each of its runs takes its place by its priority now.</summary>
    public void Rekey(long tid, Func<RunRecord, int?> priority)
    {
        if (!byTask.TryGetValue(tid, out var runs))
        {
            return;
        }

        foreach (var runId in runs)
        {
            var old = byRun[runId];
            var now = old with { Priority = priority(old.Run) };
            if (now.Priority != old.Priority)
            {
                Dequeue(old);
                byRun[runId] = now;
                Enqueue(now);
            }
        }
    }

    /// <summary>The host's best <paramref name="count"/> runs, in order, passing over those in <paramref name="skip"/>.</summary>
    public IReadOnlyList<RunRecord> Best(string host, int count, IReadOnlySet<string>? skip = null)
    {
        var best = new List<RunRecord>(Math.Min(count, Count(host)));
        if (count <= 0 || !byHost.TryGetValue(host, out var queue))
        {
            return best;
        }

        foreach (var waiter in queue)
        {
            if (skip?.Contains(waiter.Run.RunId) != true)
            {
                best.Add(waiter.Run);
                if (best.Count == count)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>How many of its host's runs go before the run; null when it does not compete for a slot (not held, or no priority).</summary>
    public int? Ahead(string runId)
    {
        if (!byRun.TryGetValue(runId, out var waiter) || waiter.Priority is null || !byHost.TryGetValue(waiter.Run.Host, out var queue))
        {
            return null;
        }

        // Walks the runs ahead only: asked by `run show` and `explain`, not by a pass.
        return queue.GetViewBetween(queue.Min, waiter).Count - 1;
    }

    /// <summary>Drops every run.</summary>
    public void Clear()
    {
        byHost.Clear();
        byRun.Clear();
        byTask.Clear();
    }

    private void Enqueue(Waiter waiter)
    {
        if (waiter.Priority is null)
        {
            return;
        }

        if (!byHost.TryGetValue(waiter.Run.Host, out var queue))
        {
            byHost[waiter.Run.Host] = queue = new SortedSet<Waiter>(Order);
        }

        queue.Add(waiter);
    }

    private void Dequeue(Waiter waiter)
    {
        if (waiter.Priority is not null && byHost.TryGetValue(waiter.Run.Host, out var queue) && queue.Remove(waiter) && queue.Count == 0)
        {
            byHost.Remove(waiter.Run.Host);
        }
    }

    /// <summary>A run waiting and the priority it was placed by.</summary>
    private readonly record struct Waiter(RunRecord Run, int? Priority);

    private static readonly Comparer<Waiter> Order = Comparer<Waiter>.Create((x, y) =>
    {
        var c = (y.Priority ?? 0).CompareTo(x.Priority ?? 0);
        c = c != 0 ? c : x.Run.ScheduledFor.CompareTo(y.Run.ScheduledFor);
        c = c != 0 ? c : x.Run.CreatedAt.CompareTo(y.Run.CreatedAt);
        return c != 0 ? c : string.CompareOrdinal(x.Run.RunId, y.Run.RunId);
    });
}
