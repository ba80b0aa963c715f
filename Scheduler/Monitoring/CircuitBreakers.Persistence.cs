using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// What <see cref="BreakerSync"/> needs: the hosts whose breaker changed since it last wrote, and taking in what the
/// database holds (written by this scheduler before a restart, or by another instance of a cluster).
/// </summary>
internal sealed partial class CircuitBreakers : IDisposable
{
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim changed = new(0, 1);

    /// <summary>Waits until a breaker changes or <paramref name="timeout"/> passes.</summary>
    public Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => changed.WaitAsync(timeout, cancellationToken);

    /// <summary>The breakers changed since the last call, as they are now (null: closed, forget it).</summary>
    public IReadOnlyList<(string Host, HostBreaker? State)> TakeChanges()
    {
        lock (gate)
        {
            var changes = dirty.Select(host => (host, hosts.TryGetValue(host, out var e) ? Snapshot(host, e) : null)).ToList();
            dirty.Clear();
            return changes;
        }
    }

    /// <summary>
    /// Takes in the stored breakers. A host changed here since the last <see cref="TakeChanges"/> keeps its own
    /// state (it is written next); every other host takes the stored one, or closes when none is stored.
    /// </summary>
    public void Restore(IReadOnlyList<HostBreaker> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (gate)
        {
            var byHost = stored.ToDictionary(b => b.Host, StringComparer.Ordinal);
            foreach (var host in hosts.Keys.Where(h => !byHost.ContainsKey(h) && !dirty.Contains(h)).ToList())
            {
                hosts.Remove(host);
            }

            foreach (var breaker in stored.Where(b => !dirty.Contains(b.Host)))
            {
                hosts[breaker.Host] = new Entry { Failures = breaker.Failures, OpenedAt = breaker.OpenedAt, ProbeRunId = breaker.ProbeRunId, ProbeAt = breaker.ProbeAt };
            }
        }
    }

    public void Dispose() => changed.Dispose();

    /// <summary>Marks hosts whose change could not be written as changed again, so the next pass writes them.</summary>
    public void Requeue(IReadOnlyList<(string Host, HostBreaker? State)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (gate)
        {
            foreach (var (host, _) in changes)
            {
                dirty.Add(host);
            }
        }
    }

    private static HostBreaker Snapshot(string host, Entry entry) => new(host, entry.Failures, entry.OpenedAt, entry.ProbeRunId, entry.ProbeAt);

    // Called under the gate.
    private void Changed(string host)
    {
        dirty.Add(host);
        if (changed.CurrentCount == 0)
        {
            try
            {
                changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }
}
