using System.Collections.Concurrent;
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
/// The queue is the database, not a broker queue and not a list in memory: each pass reads the runs in TRIGGER,
/// STARTED and RUNNING and orders the waiting ones by the task's current definition. So it survives a restart or a
/// failover (the new leader reads the same rows), a priority change applies at once to runs still waiting, and
/// nothing has to be kept in step with a broker (a RabbitMQ priority queue would hold messages already sent, which a
/// priority change could not reorder). A host's free slots are its heartbeat's capacity less its runs the agent has
/// acknowledged (STARTED, RUNNING) and those sent but not yet acknowledged. An agent that never reported a capacity
/// (or an agent from before capacities) gets each run at once, as before.
/// </para>
/// </summary>
internal sealed partial class SlotQueue(
    IRunStore runs,
    IAdhocCommandStore adhocCommands,
    TaskRegistry registry,
    AgentRegistry agents,
    DispatchLedger ledger,
    IRunDispatcher dispatcher,
    IOptions<DispatchOptions> options,
    ILeadership leadership,
    TimeProvider time,
    ILogger<SlotQueue> log) : IRunObserver, IDisposable
{
    private static readonly RunStatus[] InFlight = [RunStatus.Trigger, RunStatus.Started, RunStatus.Running];

    // One pass at a time; a pass asked for while one runs is folded into one more pass after it.
    private readonly SemaphoreSlim gate = new(1, 1);

    // Definitions of runs that are not their task's (adhoc), until sent.
    private readonly ConcurrentDictionary<string, TaskDefinition> offered = new(StringComparer.Ordinal);
    private int requested;

    /// <summary>True when dispatch to the host is metered by slots: its agent reported a capacity.</summary>
    public bool Governs(string host) => agents.LastHeartbeat(host) is { Capacity: > 0 };

    /// <summary>A run just moved to TRIGGER: sent at once to an agent of unknown capacity, otherwise queued for a slot.</summary>
    public async Task OfferAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        if (!Governs(run.Host))
        {
            await dispatcher.DispatchAsync(run, definition, cancellationToken);
            return;
        }

        if (registry.Find(run.Tid)?.Definition is null)
        {
            offered[run.RunId] = definition;
        }

        await PumpAsync(cancellationToken);
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

        var waiting = Waiting(await InFlightAsync(run.Host, cancellationToken));
        var ahead = waiting.FindIndex(r => r.RunId == run.RunId);
        return ahead < 0 ? null : $"waiting for a free slot on {run.Host}, {ahead} ahead";
    }

    /// <summary>A slot freed: a pass soon, off the caller's path (a batch of results ends many runs; they fold into one pass).</summary>
    public Task RunEndedAsync(RunRecord run, CancellationToken cancellationToken)
    {
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

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!leadership.IsLeader)
        {
            return;
        }

        var all = await InFlightAsync(null, cancellationToken);
        foreach (var host in all.GroupBy(r => r.Host, StringComparer.Ordinal))
        {
            if (agents.LastHeartbeat(host.Key) is not { Capacity: > 0 } beat)
            {
                continue;
            }

            var busy = host.Count(r => r.Status != RunStatus.Trigger || ledger.LastSent(r.RunId, r.Attempt) is not null);
            var free = beat.Capacity + options.Value.Prefetch - busy;
            foreach (var run in Waiting(host))
            {
                if (free <= 0)
                {
                    break;
                }

                // A run with nothing to send (its task deleted while it waited) takes no slot; the run watch ends it.
                if (await DefinitionOfAsync(run, cancellationToken) is { } definition)
                {
                    await SendAsync(run, definition, cancellationToken);
                    free--;
                }
            }
        }
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

        if (offered.TryGetValue(run.RunId, out var known))
        {
            return known;
        }

        return await adhocCommands.FindAsync(run.RunId, cancellationToken) is { } command ? AdhocRuns.DefinitionOf(command) : null;
    }

    private async Task SendAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        await dispatcher.DispatchAsync(run, definition, cancellationToken);
        offered.TryRemove(run.RunId, out _);

        // The bus dispatcher notes its sends; a dispatcher that does not must not get the run again on every pass.
        ledger.Seed(run.RunId, run.Attempt, time.GetUtcNow());
    }

    private List<RunRecord> Waiting(IEnumerable<RunRecord> inFlight) =>
        [.. inFlight
            .Where(r => r.Status == RunStatus.Trigger && ledger.LastSent(r.RunId, r.Attempt) is null)
            .OrderByDescending(PriorityOf)
            .ThenBy(r => r.ScheduledFor)
            .ThenBy(r => r.CreatedAt)
            .ThenBy(r => r.RunId, StringComparer.Ordinal)];

    // The task's definition now, not when the run was made: a priority change reorders runs still waiting.
    private int PriorityOf(RunRecord run) => registry.Find(run.Tid)?.Definition.Priority ?? (offered.TryGetValue(run.RunId, out var d) ? d.Priority : 0);

    private Task<IReadOnlyList<RunRecord>> InFlightAsync(string? host, CancellationToken cancellationToken) =>
        runs.ListAsync(new RunQuery(Statuses: InFlight, Host: host, Limit: 100_000, OldestFirst: true), cancellationToken);

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending waiting runs to free agent slots failed; the run watch tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
