namespace EasyTask.Agent.Journal;

/// <summary>
/// The journal writer's inbox: any number of producers, one consumer thread that takes everything queued at once.
/// A plain monitor rather than BlockingCollection: its semaphore spins before it sleeps, so an idle writer woken a
/// few times per run burnt CPU on every wake-up; here the writer sleeps until there is work and producers only
/// signal it when it does sleep.
/// </summary>
internal sealed class WriteQueue
{
    // An object, not a Lock: Monitor.Wait and Pulse need the monitor that lock() takes on it.
    private readonly object gate = new();
    private readonly Queue<JournalWrite> pending = new();
    private bool completed;
    private bool sleeping;

    /// <summary>Queues the write; false once <see cref="Complete"/> was called (nothing is written any more).</summary>
    public bool TryAdd(JournalWrite write)
    {
        lock (gate)
        {
            if (completed)
            {
                return false;
            }

            pending.Enqueue(write);
            if (sleeping)
            {
                Monitor.Pulse(gate);
            }

            return true;
        }
    }

    /// <summary>
    /// Waits for at least one write and moves up to <paramref name="max"/> into <paramref name="batch"/>, in the
    /// order they were queued; false once the queue is completed and empty.
    /// </summary>
    public bool TakeBatch(List<JournalWrite> batch, int max)
    {
        lock (gate)
        {
            while (pending.Count == 0)
            {
                if (completed)
                {
                    return false;
                }

                sleeping = true;
                Monitor.Wait(gate);
                sleeping = false;
            }

            while (batch.Count < max && pending.TryDequeue(out var write))
            {
                batch.Add(write);
            }

            return true;
        }
    }

    /// <summary>Takes no more writes; those already queued are still handed out.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completed = true;
            Monitor.PulseAll(gate);
        }
    }
}
