using System.Collections.Concurrent;

namespace EasyTask.Scheduler.Runs;

/// <summary>When each run attempt was last sent to its agent, so one that goes unacknowledged is sent again.</summary>
internal sealed class DispatchLedger(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string RunId, int Attempt), DateTimeOffset> sent = new();

    /// <summary>
    /// Raised with the run id after an attempt may have become sent or unsent, so a copy that splits runs by it (the slot
    /// queue's) follows without asking about every run. A listener reads the ledger again: notices may arrive out of order.
    /// </summary>
    public event Action<string>? Changed;

    /// <summary>Notes a send; true when the attempt had been sent before.</summary>
    public bool Sent(string runId, int attempt)
    {
        var before = sent.ContainsKey((runId, attempt));
        sent[(runId, attempt)] = time.GetUtcNow();

        // Raised even when it was known: a Retain racing this send may have dropped it in between.
        Changed?.Invoke(runId);
        return before;
    }

    /// <summary>Remembers a send this scheduler did not make itself (read from the run's timeline), unless it knows a later one.</summary>
    public void Seed(string runId, int attempt, DateTimeOffset at)
    {
        if (sent.TryAdd((runId, attempt), at))
        {
            Changed?.Invoke(runId);
        }
    }

    /// <summary>When the attempt was last sent, or null when this scheduler never sent it (e.g. after a restart).</summary>
    public DateTimeOffset? LastSent(string runId, int attempt) => sent.TryGetValue((runId, attempt), out var at) ? at : null;

    /// <summary>Drops what it knows of runs no longer in flight, so a long-running scheduler does not grow.</summary>
    public void Retain(IReadOnlySet<string> inFlight)
    {
        foreach (var key in sent.Keys.Where(k => !inFlight.Contains(k.RunId)))
        {
            if (sent.TryRemove(key, out _))
            {
                Changed?.Invoke(key.RunId);
            }
        }
    }
}
