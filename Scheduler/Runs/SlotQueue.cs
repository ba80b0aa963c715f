using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Part of <see cref="RunLifecycle"/>: capacity-aware dispatch. An agent gets only what it can start now plus a small
/// prefetch (<see cref="DispatchOptions.Prefetch"/>); the rest wait in TRIGGER and go out as slots free up, highest
/// <c>priority</c> first, then earliest scheduled, then earliest created.
/// <para>
/// The queue is the database, not a broker queue: the runs waiting are the rows in TRIGGER, ordered by the task's current
/// definition. So it survives a restart or a failover (the new leader reads the same rows), a priority change applies
/// at once to runs still waiting, and nothing has to be kept in step with a broker (a RabbitMQ priority queue would hold
/// messages already sent, which a priority change could not reorder). A host's free slots are its heartbeat's capacity less
/// its runs the agent has acknowledged (STARTED, RUNNING) and those sent but not yet acknowledged. An agent that never
/// reported a capacity (or an agent from before capacities) gets each run at once, as before.
/// </para>
/// <para>
/// So that a pass costs what changed rather than every run waiting, the leader keeps a copy of the runs in flight
/// (<see cref="InFlightIndex"/>): read whole when it starts leading and at every run-watch check, and in between kept in step
/// by the runs it is offered, the runs it hears have ended, and the change feed (<see cref="RunChangeFeed"/>), which each pass
/// reads from where the last stopped. The feed sees every transition in the database, so runs made or moved by another
/// scheduler of the cluster (a follower serving the API) are dispatched at the leader's next pass. The copy keeps each host's
/// count of busy runs and its waiting runs in order (<see cref="WaitingRuns"/>), following sends (<see cref="DispatchLedger"/>)
/// and priority changes (<see cref="TaskRegistry"/>) as they happen, so a pass costs log n per run it sends, not a look at each.
/// </para>
/// </summary>
internal sealed partial class SlotQueue(
    IRunStore runs,
    RunChangeFeed changes,
    IAdhocCommandStore adhocCommands,
    TaskRegistry registry,
    WaitingPriority priorities,
    AgentRegistry agents,
    DispatchLedger ledger,
    IRunDispatcher dispatcher,
    IOptions<DispatchOptions> options,
    ILeadership leadership,
    TimeProvider time,
    ILogger<SlotQueue> log) : IRunObserver, IDisposable
{
    private static readonly RunStatus[] InFlight = [RunStatus.Trigger, RunStatus.Started, RunStatus.Running];

    // More events than this since the last pass (a long pause, a mass import): reading the runs in flight afresh is cheaper.
    private const long FollowLimit = 20_000;

    private readonly InFlightIndex index = new(ledger, registry, priorities);
    private Reading? reading;

    // One pass at a time; a pass asked for while one runs is folded into one more pass after it.
    private readonly SemaphoreSlim gate = new(1, 1);
    private int requested;

    /// <summary>True when dispatch to the host is metered by slots: its agent reported a capacity.</summary>
    public bool Governs(string host) => agents.LastHeartbeat(host) is { Capacity: > 0 };

    /// <summary>
    /// Runs just moved to TRIGGER: each sent at once to an agent of unknown capacity, the others queued for a slot and served by
    /// one pass (a burst of runs moved together costs one pass, not one each; a single run is sent as promptly as before).
    /// </summary>
    public async Task OfferAsync(IReadOnlyList<(RunRecord Run, TaskDefinition Definition)> offers, CancellationToken cancellationToken)
    {
        var queued = false;
        foreach (var (run, definition) in offers)
        {
            if (!Governs(run.Host))
            {
                await dispatcher.DispatchAsync(run, definition, cancellationToken);
                continue;
            }

            priorities.Offer(run, definition);
            if (leadership.IsLeader)
            {
                index.Apply(run);
            }

            queued = true;
        }

        if (queued)
        {
            await PumpAsync(cancellationToken);
        }
    }

    /// <summary>Where a full reading of the runs in flight starts: taken before the rows are read (see <see cref="RefreshAsync"/>).</summary>
    public async Task<InFlightMark> MarkAsync(CancellationToken cancellationToken) =>
        new(await changes.LastIdAsync(cancellationToken), index.Stamp);

    /// <summary>
    /// The run watch read every run in flight, starting at <paramref name="mark"/>: the copy is replaced by that reading (whatever
    /// the change feed missed is put right), then a pass. The watch's own reading serves, so keeping the copy true costs no read.
    /// </summary>
    public Task RefreshAsync(InFlightMark mark, IReadOnlyList<RunRecord> inFlight, CancellationToken cancellationToken)
    {
        Volatile.Write(ref reading, new Reading(mark, inFlight));
        return PumpAsync(cancellationToken);
    }

    /// <summary>
    /// Sends waiting runs into free slots; returns after a pass that began after the call. Cheap to call often:
    /// callers that queue up behind a pass are served by one more pass, not one each.
    /// </summary>
    public async Task PumpAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref requested, 1);
        await gate.WaitAsync(cancellationToken);
        try
        {
            while (Interlocked.Exchange(ref requested, 0) == 1)
            {
                await PassAsync(cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>"waiting for a free slot on H, N ahead" for a run in TRIGGER not yet sent to a metered host; otherwise null.</summary>
    public async Task<string?> WaitingReasonAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (run.Status != RunStatus.Trigger || !Governs(run.Host) || ledger.LastSent(run.RunId, run.Attempt) is not null)
        {
            return null;
        }

        // The leader's copy when it holds the run; otherwise (a follower, or a run the leader has not taken in yet) the database.
        var ahead = leadership.IsLeader && index.Epoch is not null && index.Contains(run.RunId)
            ? index.Ahead(run.RunId)
            : await AheadInDatabaseAsync(run, cancellationToken);
        return ahead is { } n ? $"waiting for a free slot on {run.Host}, {n} ahead" : null;
    }

    /// <summary>A slot freed: a pass soon, off the caller's path (a batch of results ends many runs; they fold into one pass).</summary>
    public Task RunEndedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (leadership.IsLeader)
        {
            index.Apply(run);
        }

        Request();
        return Task.CompletedTask;
    }

    /// <summary>Asks for a pass in the background; returns at once.</summary>
    public void Request()
    {
        if (Volatile.Read(ref requested) == 1)
        {
            // Already asked for: that pass is still to come and takes this request in.
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await PumpAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogPassFailed(log, ex);
            }
        });
    }

    /// <summary>
    /// What to send for a run: the task's definition, or an adhoc run's command (remembered from its offer, or read back
    /// from the database after a restart or takeover, when this scheduler never saw the offer). Null when there is
    /// nothing left to send (the task was deleted). The one lookup for every sender (this queue and the run watch).
    /// </summary>
    public async Task<TaskDefinition?> DefinitionOfAsync(RunRecord run, CancellationToken cancellationToken)
    {
        if (!run.Adhoc)
        {
            return registry.Find(run.Tid)?.Definition;
        }

        if (priorities.Offered(run.RunId) is { } known)
        {
            return known;
        }

        return await adhocCommands.FindAsync(run.RunId, cancellationToken) is { } command ? AdhocRuns.DefinitionOf(command) : null;
    }

    private async Task SendAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        await dispatcher.DispatchAsync(run, definition, cancellationToken);
        priorities.Forget(run.RunId);

        // The bus dispatcher notes its sends; a dispatcher that does not must not get the run again on every pass.
        ledger.Seed(run.RunId, run.Attempt, time.GetUtcNow());
    }

    public void Dispose()
    {
        gate.Dispose();
        index.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending waiting runs to free agent slots failed; the run watch tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
