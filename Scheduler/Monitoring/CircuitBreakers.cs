using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// One breaker per host. After <see cref="BreakerOptions.Threshold"/> consecutive host-level failures the host's
/// breaker opens: its runs wait (in ACTIVE or TRIGGER) instead of burning attempts. After the cool-down one run
/// probes the host (half-open); any attempt end that is not a host-level failure closes the breaker, another
/// host-level failure opens it again. Decided in memory, kept in the database by <see cref="BreakerSync"/>
/// (<see cref="CircuitBreakers.Persistence"/>), so a restarted scheduler or a new leader keeps an open breaker.
/// </summary>
internal sealed partial class CircuitBreakers(IOptions<BreakerOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> hosts = new(StringComparer.Ordinal);

    /// <summary>Counts a host-level failure; true when this failure opened the breaker.</summary>
    public bool RecordFailure(string host)
    {
        lock (gate)
        {
            var entry = EntryOf(host);
            entry.Failures++;
            Changed(host);
            var probeFailed = entry.OpenedAt is not null && entry.ProbeRunId is not null;
            if (entry.OpenedAt is null && entry.Failures >= options.Value.Threshold || probeFailed)
            {
                entry.OpenedAt = time.GetUtcNow();
                entry.ProbeRunId = null;
                entry.ProbeAt = null;
                return true;
            }

            return false;
        }
    }

    /// <summary>The host ran something (or refused it for a reason of its own): its breaker closes.</summary>
    public void RecordSuccess(string host)
    {
        lock (gate)
        {
            if (hosts.Remove(host))
            {
                Changed(host);
            }
        }
    }

    /// <summary>
    /// Whether a run may go to the host now. While open: no. After the cool-down: yes for one probing run at a time
    /// (the same run may ask again); null reason when allowed, otherwise why it waits.
    /// </summary>
    public string? Blocked(string host, string runId)
    {
        lock (gate)
        {
            if (!hosts.TryGetValue(host, out var entry) || entry.OpenedAt is not { } opened)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var probeAfter = opened + options.Value.CoolDown;
            if (now < probeAfter)
            {
                return $"circuit breaker for host {host} is open after {entry.Failures} consecutive host-level failures; one run probes it at {probeAfter.UtcDateTime:HH:mm:ss}Z";
            }

            // A probe that never reports back (its run stuck) must not hold the host closed forever.
            if (entry.ProbeRunId is null || entry.ProbeRunId == runId || now - entry.ProbeAt > options.Value.CoolDown)
            {
                if (entry.ProbeRunId != runId)
                {
                    Changed(host);
                }

                entry.ProbeRunId = runId;
                entry.ProbeAt = now;
                return null;
            }

            return $"circuit breaker for host {host} is half-open: run {entry.ProbeRunId} is probing it";
        }
    }

    /// <summary>Why runs for the host are held back, without claiming the half-open probe; null while the breaker is closed.</summary>
    public string? Describe(string host) => Open().FirstOrDefault(b => b.Host == host) is { } breaker
        ? $"circuit breaker for host {host} is {breaker.State.Replace('_', '-')} after {breaker.ConsecutiveFailures} consecutive host-level failures; a run probes it from {breaker.ProbeAfter.UtcDateTime:HH:mm:ss}Z"
        : null;

    /// <summary>Breakers that are not closed, for health.</summary>
    public IReadOnlyList<BreakerState> Open()
    {
        lock (gate)
        {
            return hosts.Where(h => h.Value.OpenedAt is not null)
                .Select(h => new BreakerState(
                    h.Key,
                    time.GetUtcNow() < h.Value.OpenedAt + options.Value.CoolDown ? "open" : "half_open",
                    h.Value.Failures,
                    h.Value.OpenedAt!.Value,
                    h.Value.OpenedAt.Value + options.Value.CoolDown,
                    h.Value.ProbeRunId))
                .OrderBy(b => b.Host, StringComparer.Ordinal)
                .ToList();
        }
    }

    private Entry EntryOf(string host)
    {
        if (!hosts.TryGetValue(host, out var entry))
        {
            entry = new Entry();
            hosts[host] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset? OpenedAt { get; set; }

        public string? ProbeRunId { get; set; }

        public DateTimeOffset? ProbeAt { get; set; }
    }
}
