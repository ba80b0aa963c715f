using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>A pass of the slot queue: the copy of the runs in flight brought up to date, then each host's free slots filled.</summary>
internal sealed partial class SlotQueue
{
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!leadership.IsLeader)
        {
            // A follower's copy would go stale: whoever leads next reads the whole afresh.
            index.Invalidate();
            Volatile.Write(ref reading, null);
            return;
        }

        await CatchUpAsync(cancellationToken);
        foreach (var host in index.Hosts())
        {
            if (agents.LastHeartbeat(host) is not { Capacity: > 0 } beat)
            {
                continue;
            }

            var free = beat.Capacity + options.Value.Prefetch - index.Busy(host);
            if (free > 0)
            {
                await FillAsync(host, free, cancellationToken);
            }
        }
    }

    /// <summary>Sends up to <paramref name="free"/> of the host's waiting runs, best first; each send moves its run to busy.</summary>
    private async Task FillAsync(string host, int free, CancellationToken cancellationToken)
    {
        HashSet<string>? unsendable = null;
        while (free > 0 && index.Waiting(host, free, unsendable) is { Count: > 0 } best)
        {
            foreach (var run in best)
            {
                // A run with nothing to send (its adhoc command is gone) takes no slot; the run watch ends it.
                if (await DefinitionOfAsync(run, cancellationToken) is { } definition)
                {
                    await SendAsync(run, definition, cancellationToken);
                    free--;
                }
                else
                {
                    (unsendable ??= new HashSet<string>(StringComparer.Ordinal)).Add(run.RunId);
                }
            }
        }
    }

    /// <summary>
    /// Brings the copy of the runs in flight up to date: from the change feed, or from a whole reading (the run watch's),
    /// when this scheduler has just started leading (or leads in a new epoch), or when too much changed to follow.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var watched = Interlocked.Exchange(ref reading, null);
        if (watched is null && index.Epoch == leadership.Epoch && await changes.SinceAsync(index.Position, FollowLimit, cancellationToken) is { } news)
        {
            index.Advance(news);
            return;
        }

        // The position first: whatever changes while the whole is read is taken in from the feed right after.
        var mark = watched?.Mark ?? new InFlightMark(await changes.LastIdAsync(cancellationToken), index.Stamp);
        var inFlight = watched?.InFlight ?? await InFlightAsync(null, cancellationToken);
        index.Reset(inFlight, mark.Position, mark.Stamp, leadership.Epoch);
        if (await changes.SinceAsync(mark.Position, long.MaxValue, cancellationToken) is { } meanwhile)
        {
            index.Advance(meanwhile);
        }
    }

    /// <summary>
    /// How many runs wait ahead of the run, from the database: for a follower, or a run the leader has not taken in yet. The runs
    /// waiting are those in TRIGGER not sent, each with its priority now (<see cref="WaitingPriority"/>).
    /// </summary>
    private async Task<int?> AheadInDatabaseAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var waiting = new WaitingRuns();
        foreach (var other in await InFlightAsync(run.Host, cancellationToken))
        {
            if (other.Status == RunStatus.Trigger && ledger.LastSent(other.RunId, other.Attempt) is null)
            {
                waiting.Add(other, priorities.Of(other));
            }
        }

        return waiting.Ahead(run.RunId);
    }

    private Task<IReadOnlyList<RunRecord>> InFlightAsync(string? host, CancellationToken cancellationToken) =>
        runs.ListAsync(new RunQuery(Statuses: InFlight, Host: host, Limit: 100_000, OldestFirst: true), cancellationToken);

    /// <summary>A full reading of the runs in flight handed in by the run watch, and where it started.</summary>
    private sealed record Reading(InFlightMark Mark, IReadOnlyList<RunRecord> InFlight);
}
