using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>The copy's split of each host's runs into those holding a slot and those waiting for one.</summary>
internal sealed partial class InFlightIndex
{
    /// <summary>How many of the host's slots its runs hold: STARTED, RUNNING, and TRIGGER already sent.</summary>
    public int Busy(string host)
    {
        lock (sync)
        {
            return hosts.TryGetValue(host, out var load) ? load.Busy : 0;
        }
    }

    /// <summary>The host's best <paramref name="count"/> runs waiting for a slot, best first, passing over <paramref name="skip"/>.</summary>
    public IReadOnlyList<RunRecord> Waiting(string host, int count, IReadOnlySet<string>? skip = null)
    {
        lock (sync)
        {
            return waiting.Best(host, count, skip);
        }
    }

    /// <summary>How many runs wait ahead of the run for its host's slots; null when it does not wait for one.</summary>
    public int? Ahead(string runId)
    {
        lock (sync)
        {
            return waiting.Ahead(runId);
        }
    }

    private bool HoldsSlot(RunRecord run) => run.Status != RunStatus.Trigger || ledger.LastSent(run.RunId, run.Attempt) is not null;

    private void Place(Entry entry, Load load)
    {
        if (entry.Busy)
        {
            load.Busy++;
        }
        else
        {
            waiting.Add(entry.Run, priority.Of(entry.Run));
        }
    }

    /// <summary>The ledger noted (or forgot) a send of the run: it moves between busy and waiting when that changed its state.</summary>
    private void SentChanged(string runId)
    {
        lock (sync)
        {
            if (!runs.TryGetValue(runId, out var entry) || HoldsSlot(entry.Run) == entry.Busy || !hosts.TryGetValue(entry.Run.Host, out var load))
            {
                return;
            }

            if (entry.Busy)
            {
                load.Busy--;
            }
            else
            {
                waiting.Remove(runId);
            }

            entry.Busy = !entry.Busy;
            Place(entry, load);
        }
    }

    /// <summary>The task was saved or deleted: its waiting runs take their place by its priority now.</summary>
    private void TaskChanged(long tid)
    {
        lock (sync)
        {
            waiting.Rekey(tid, priority.Of);
        }
    }

    /// <summary>A host's runs in flight and how many of them hold a slot.</summary>
    private sealed class Load
    {
        public int Runs { get; set; }

        public int Busy { get; set; }
    }
}
