using System.Collections.Concurrent;
using EasyTask.Agent.Journal;

namespace EasyTask.Agent.Execution;

/// <summary>
/// The newest attempt the agent has seen of each run. Once attempt N of a run arrived, an attempt below N is
/// stale (the scheduler moved on, e.g. after declaring this agent lost) and must never start: a slow agent must
/// not run an old attempt beside its retry. Seeded from the journal at start, so a restart keeps the fence.
/// </summary>
internal sealed class AttemptFence
{
    private readonly ConcurrentDictionary<string, int> newest = new(StringComparer.Ordinal);

    /// <summary>Records that the attempt was seen (journal recovery).</summary>
    public void Seen(string runKey, int attempt) => newest.AddOrUpdate(runKey, attempt, (_, known) => Math.Max(known, attempt));

    /// <summary>
    /// True when the attempt may be taken (it is the newest seen so far, or a redelivery of it); false when a
    /// newer attempt of the run is already known. A taken attempt raises the fence.
    /// </summary>
    public bool TryAdmit(RunKey key, out int newer)
    {
        var id = RunJournal.FileSafe(key.RunId);
        var now = newest.AddOrUpdate(id, key.Attempt, (_, known) => Math.Max(known, key.Attempt));
        newer = now;
        return now <= key.Attempt;
    }
}
