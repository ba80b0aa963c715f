using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The one door for every run transition and its side effects. Creation (through <see cref="RunFactory"/>),
/// ACTIVE → TRIGGER and dispatch (<see cref="RunAdvancer"/>), the agent's reports (<see cref="RunProgress"/>),
/// the end of an attempt with its retry, dependents and observers (<see cref="RunEnding"/>) are parts of it; the
/// clock, the API, the bus consumer and the watches call in here and nowhere else. Everything it decides on is in
/// the database, so a restarted (or newly leading) scheduler carries on where the last one stopped.
/// </summary>
internal sealed class RunLifecycle(
    RunFactory factory,
    RunAdvancer advancer,
    RunProgress progress,
    RunEnding ending,
    AgentRegistry agents,
    CircuitBreakers breakers,
    SlotQueue slots,
    IRunStore runs,
    IMonitoringStore monitoring,
    TimeProvider time)
{
    /// <summary>Creates the runs (idempotently) and starts advancing the new ACTIVE ones.</summary>
    public async Task<IReadOnlyList<RunCreation>> CreateAsync(IReadOnlyList<NewRun> newRuns, string actor, CancellationToken cancellationToken)
    {
        var created = await factory.CreateAsync(newRuns, actor, cancellationToken);
        await advancer.AdvanceAsync(created.Where(c => c.Created && c.Run.Status == RunStatus.Active).Select(c => c.Run).ToList(), cancellationToken);
        return created;
    }

    /// <summary>Moves the given ACTIVE runs on where they may.</summary>
    public Task AdvanceAsync(IReadOnlyCollection<RunRecord> active, CancellationToken cancellationToken) => advancer.AdvanceAsync(active, cancellationToken);

    /// <summary>Re-checks every run waiting in ACTIVE, oldest first, a page at a time, so none starves behind newer ones.</summary>
    public async Task RecheckAsync(CancellationToken cancellationToken)
    {
        await foreach (var page in runs.OldestFirstAsync([RunStatus.Active], cancellationToken))
        {
            await advancer.AdvanceAsync(page, cancellationToken);
        }
    }

    /// <summary>
    /// Moves on every retry whose <c>not_before</c> has passed (read from the database, so restarts keep the times);
    /// answers the earliest wake-up time still ahead within <paramref name="horizon"/>, or null when none is.
    /// </summary>
    public async Task<DateTimeOffset?> WakeRetriesAsync(CancellationToken cancellationToken, TimeSpan horizon = default)
    {
        var now = time.GetUtcNow();
        var soon = await runs.ListAsync(new RunQuery(Statuses: [RunStatus.Active], Limit: RunPages.Size, OldestFirst: true, RetryDueBy: now + horizon), cancellationToken);
        await advancer.AdvanceAsync(soon.Where(r => r.NotBefore <= now).ToList(), cancellationToken);
        return soon.Where(r => r.NotBefore > now).Min(r => r.NotBefore);
    }

    /// <summary>
    /// An operator's retry of a final run: the next attempt at once (no backoff), the previous attempt's outcome
    /// cleared, off the failed-runs list, then advanced like any run; null when the run changed meanwhile.
    /// </summary>
    public async Task<RunRecord?> RetryNowAsync(RunRecord run, string by, CancellationToken cancellationToken)
    {
        var reopened = await runs.TransitionAsync(
            new RunChange(run.RunId, run.Version, run.Status, RunStatus.Active, $"operator {by}",
                Detail: $"manual retry requested by {by}: attempt {run.Attempt + 1}", Attempt: run.Attempt + 1),
            cancellationToken);
        if (reopened is not null)
        {
            await monitoring.RemoveFailedAsync(run.RunId, cancellationToken);
        }

        return reopened;
    }

    /// <summary>An operator's force-start of a run just created: straight to TRIGGER.</summary>
    public Task ForceStartAsync(RunRecord run, TaskDefinition definition, string by, CancellationToken cancellationToken) =>
        advancer.ForceAsync(run, definition, by, cancellationToken);

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken) => progress.AcceptedAsync(message, cancellationToken);

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken) => progress.StartedAsync(message, cancellationToken);

    public Task FinishedAsync(RunFinished message, CancellationToken cancellationToken) => progress.FinishedAsync(message, cancellationToken);

    /// <summary>Whether this end of the run's attempt sends it to a retry (the batch recorder leaves those to <see cref="FinishedAsync"/>).</summary>
    public bool Retries(RunRecord run, AttemptResult result) => ending.Retries(run, result);

    /// <summary>
    /// What follows a final status that the batch recorder committed: log line, observers, dependents; with
    /// <paramref name="timelineWritten"/> it also committed the success's timeline rows.
    /// </summary>
    public Task EndedAsync(RunRecord run, RunRecord ended, AttemptResult result, bool timelineWritten, CancellationToken cancellationToken) =>
        ending.EndedAsync(run, ended, result, timelineWritten, cancellationToken);

    /// <summary>Ends the run's current attempt: a retry when the policy allows, else the run's final status.</summary>
    public Task EndAttemptAsync(RunRecord run, AttemptResult result, string actor, CancellationToken cancellationToken) =>
        ending.EndAttemptAsync(run, result, actor, cancellationToken);

    /// <summary>Why a run that has not reached its agent is not moving, worked out from the database now; null when it is not waiting.</summary>
    public async Task<string?> WaitingReasonAsync(RunRecord run, CancellationToken cancellationToken) => run.Status switch
    {
        RunStatus.Active => await advancer.WhyWaitingAsync(run, cancellationToken),
        RunStatus.Trigger when !agents.IsAlive(run.Host) => $"waiting for an agent: {agents.Describe(run.Host)}",
        RunStatus.Trigger when breakers.Describe(run.Host) is { } open => open,
        RunStatus.Trigger => await slots.WaitingReasonAsync(run, cancellationToken),
        _ => null,
    };
}
