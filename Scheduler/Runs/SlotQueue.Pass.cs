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

            var inFlight = index.Of(host);
            var busy = inFlight.Count(r => r.Status != RunStatus.Trigger || ledger.LastSent(r.RunId, r.Attempt) is not null);
            var free = beat.Capacity + options.Value.Prefetch - busy;
            if (free > 0)
            {
                await FillAsync(Waiting(inFlight), free, cancellationToken);
            }
        }
    }

    /// <summary>Sends up to <paramref name="free"/> of the waiting runs, best first; only the best few are sorted out of the many.</summary>
    private async Task FillAsync(List<Candidate> waiting, int free, CancellationToken cancellationToken)
    {
        var ordered = waiting.Order(Order);
        for (var skip = 0; free > 0 && skip < waiting.Count;)
        {
            var best = ordered.Skip(skip).Take(free).ToList();
            skip += best.Count;
            foreach (var candidate in best)
            {
                // A run with nothing to send (its adhoc command is gone) takes no slot; the run watch ends it.
                if (await DefinitionOfAsync(candidate.Run, cancellationToken) is { } definition)
                {
                    await SendAsync(candidate.Run, definition, cancellationToken);
                    free--;
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
    /// The runs waiting for a slot: in TRIGGER, not sent, with something to send (a run of a deleted task takes no slot; the run
    /// watch ends it), each with its priority now: the task's current definition, so a priority change reorders runs still waiting.
    /// </summary>
    private List<Candidate> Waiting(IReadOnlyList<RunRecord> inFlight)
    {
        var waiting = new List<Candidate>();
        foreach (var run in inFlight)
        {
            if (run.Status != RunStatus.Trigger || ledger.LastSent(run.RunId, run.Attempt) is not null)
            {
                continue;
            }

            if (registry.Find(run.Tid)?.Definition is { } definition)
            {
                waiting.Add(new Candidate(run, definition.Priority));
            }
            else if (run.Adhoc)
            {
                waiting.Add(new Candidate(run, offered.TryGetValue(run.RunId, out var d) ? d.Priority : 0));
            }
        }

        return waiting;
    }

    private Task<IReadOnlyList<RunRecord>> InFlightAsync(string? host, CancellationToken cancellationToken) =>
        runs.ListAsync(new RunQuery(Statuses: InFlight, Host: host, Limit: 100_000, OldestFirst: true), cancellationToken);

    /// <summary>A full reading of the runs in flight handed in by the run watch, and where it started.</summary>
    private sealed record Reading(InFlightMark Mark, IReadOnlyList<RunRecord> InFlight);

    /// <summary>A run waiting for a slot and its priority now.</summary>
    private readonly record struct Candidate(RunRecord Run, int Priority);

    /// <summary>Priority (higher first), then scheduled time, then creation, then run id: a total order, the same on every pass.</summary>
    private static readonly Comparer<Candidate> Order = Comparer<Candidate>.Create((x, y) =>
    {
        var c = y.Priority.CompareTo(x.Priority);
        c = c != 0 ? c : x.Run.ScheduledFor.CompareTo(y.Run.ScheduledFor);
        c = c != 0 ? c : x.Run.CreatedAt.CompareTo(y.Run.CreatedAt);
        return c != 0 ? c : string.CompareOrdinal(x.Run.RunId, y.Run.RunId);
    });
}
