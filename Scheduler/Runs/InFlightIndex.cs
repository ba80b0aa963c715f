using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The slot queue's copy of the runs in TRIGGER, STARTED and RUNNING, by host: read whole from the database (<see cref="Reset"/>),
/// then kept in step from the change feed and the lifecycle's own news (<see cref="Apply"/>). A copy, never the truth: whatever
/// it misses is put right at the next reading of the whole. A notice older than what the copy holds (by the run's version) is
/// ignored, so news arriving out of order never brings back a run that has moved on.
/// <para>
/// Each run is kept either busy (STARTED, RUNNING, or TRIGGER and sent: it holds a slot) or waiting (TRIGGER, not sent) in
/// <see cref="WaitingRuns"/>, by its priority now. The split follows the <see cref="DispatchLedger"/> and the task definitions
/// (<see cref="TaskRegistry"/>) as they change, so a pass asks for a host's busy count and best waiting runs without looking
/// at every run.
/// </para>
/// </summary>
internal sealed partial class InFlightIndex : IDisposable
{
    // Runs seen leaving flight are remembered by version until the next full reading, so a late notice of them is refused.
    private const int GoneLimit = 100_000;

    private readonly Lock sync = new();
    private readonly Dictionary<string, Entry> runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Load> hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> gone = new(StringComparer.Ordinal);
    private readonly WaitingRuns waiting = new();
    private readonly DispatchLedger ledger;
    private readonly TaskRegistry registry;
    private readonly WaitingPriority priority;
    private long stamp;

    public InFlightIndex(DispatchLedger ledger, TaskRegistry registry, WaitingPriority priority)
    {
        this.ledger = ledger;
        this.registry = registry;
        this.priority = priority;
        ledger.Changed += SentChanged;
        registry.Changed += TaskChanged;
    }

    /// <summary>The change-feed position the copy has taken in.</summary>
    public long Position { get; private set; }

    /// <summary>The leadership epoch of the last full reading; null when there has been none (or the copy was dropped).</summary>
    public long? Epoch { get; private set; }

    /// <summary>A count of changes taken in; a full reading keeps what changed after the stamp it started at.</summary>
    public long Stamp
    {
        get
        {
            lock (sync)
            {
                return stamp;
            }
        }
    }

    /// <summary>Takes in a run as it is now: kept while in flight, dropped once it has left; ignored when older than what is held.</summary>
    public void Apply(RunRecord run)
    {
        lock (sync)
        {
            ApplyLocked(run);
        }
    }

    /// <summary>Takes in what the change feed read, and its position.</summary>
    public void Advance(RunChanges changes)
    {
        lock (sync)
        {
            foreach (var run in changes.Runs)
            {
                ApplyLocked(run);
            }

            Position = changes.Position;
        }
    }

    /// <summary>
    /// Replaces the copy with a full reading taken at feed <paramref name="position"/>. Runs taken in since <paramref name="since"/>
    /// (a stamp read before the reading began) are newer than the reading and stay as they are.
    /// </summary>
    public void Reset(IReadOnlyList<RunRecord> inFlight, long position, long since, long epoch)
    {
        lock (sync)
        {
            var fresh = inFlight.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in runs.Values.Where(e => e.Stamp <= since && !fresh.Contains(e.Run.RunId)).ToList())
            {
                Remove(stale);
            }

            foreach (var run in inFlight)
            {
                ApplyLocked(run);
            }

            // Runs that left before the reading began are not in it: no need to remember them any longer.
            foreach (var old in gone.Where(g => g.Value.Stamp <= since).Select(g => g.Key).ToList())
            {
                gone.Remove(old);
            }

            Position = position;
            Epoch = epoch;
        }
    }

    /// <summary>Drops the copy: the next pass reads the whole again (this scheduler stopped leading).</summary>
    public void Invalidate()
    {
        lock (sync)
        {
            runs.Clear();
            hosts.Clear();
            gone.Clear();
            waiting.Clear();
            Epoch = null;
        }
    }

    /// <summary>True when the run is in the copy.</summary>
    public bool Contains(string runId)
    {
        lock (sync)
        {
            return runs.ContainsKey(runId);
        }
    }

    /// <summary>The hosts with runs in flight.</summary>
    public IReadOnlyList<string> Hosts()
    {
        lock (sync)
        {
            return [.. hosts.Keys];
        }
    }

    public void Dispose()
    {
        ledger.Changed -= SentChanged;
        registry.Changed -= TaskChanged;
    }

    private void ApplyLocked(RunRecord run)
    {
        if ((runs.TryGetValue(run.RunId, out var known) && known.Run.Version > run.Version)
            || (gone.TryGetValue(run.RunId, out var left) && left.Run.Version >= run.Version))
        {
            return;
        }

        stamp++;
        if (known is not null)
        {
            Remove(known);
        }

        if (run.Status is RunStatus.Trigger or RunStatus.Started or RunStatus.Running)
        {
            gone.Remove(run.RunId);
            var entry = new Entry(run, stamp) { Busy = HoldsSlot(run) };
            runs[run.RunId] = entry;
            if (!hosts.TryGetValue(run.Host, out var load))
            {
                hosts[run.Host] = load = new Load();
            }

            load.Runs++;
            Place(entry, load);
            return;
        }

        if (gone.Count >= GoneLimit)
        {
            gone.Clear();
        }

        gone[run.RunId] = new Entry(run, stamp);
    }

    private void Remove(Entry entry)
    {
        var run = entry.Run;
        runs.Remove(run.RunId);
        if (!hosts.TryGetValue(run.Host, out var load))
        {
            return;
        }

        if (entry.Busy)
        {
            load.Busy--;
        }
        else
        {
            waiting.Remove(run.RunId);
        }

        if (--load.Runs == 0)
        {
            hosts.Remove(run.Host);
        }
    }

    private sealed record Entry(RunRecord Run, long Stamp)
    {
        public bool Busy { get; set; }
    }
}
