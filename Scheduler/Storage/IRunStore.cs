namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Runs and their append-only event timelines. Every write is one transaction that updates the run row
/// (guarded by status and version in the SQL itself) and appends its event row, or does nothing.
/// </summary>
internal interface IRunStore
{
    /// <summary>
    /// Creates the runs in one transaction, each with its first event (no status → its initial status).
    /// An occurrence that already has a run (same tid and scheduled_for) is not created again: the existing run is returned with Created = false.
    /// </summary>
    Task<IReadOnlyList<RunCreation>> CreateAsync(IReadOnlyList<NewRun> runs, string actor, CancellationToken cancellationToken);

    /// <summary>Applies the transition when the run is still at the expected status and version; returns the new state, or null when it was stale.</summary>
    Task<RunRecord?> TransitionAsync(RunChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Applies many transitions in one transaction (each still guarded by its own status and version);
    /// the answer holds, in order, each run's new state or null where it was stale.
    /// </summary>
    Task<IReadOnlyList<RunRecord?>> TransitionManyAsync(IReadOnlyList<RunChange> changes, CancellationToken cancellationToken);

    /// <summary>The run, or null.</summary>
    Task<RunRecord?> FindAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The run of the task's occurrence at <paramref name="scheduledFor"/> (the idempotent key), or null.</summary>
    Task<RunRecord?> FindOccurrenceAsync(long tid, DateTimeOffset scheduledFor, CancellationToken cancellationToken);

    /// <summary>Runs matching the query, newest scheduled first.</summary>
    Task<IReadOnlyList<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>Records how an attempt ended; a second record of the same attempt is ignored.</summary>
    Task RecordAttemptAsync(RunAttempt attempt, CancellationToken cancellationToken);

    /// <summary>The run's finished attempts, in order.</summary>
    Task<IReadOnlyList<RunAttempt>> AttemptsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The run's timeline, oldest first.</summary>
    Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The task's most recent run by scheduled time, or null when it never ran.</summary>
    Task<RunRecord?> LatestAsync(string taskName, CancellationToken cancellationToken);

    /// <summary>Each task's most recent run by scheduled time, keyed by tid (tasks that never ran are absent). One query.</summary>
    Task<IReadOnlyDictionary<long, RunRecord>> LatestPerTaskAsync(CancellationToken cancellationToken);

    /// <summary>The most recent run of the task that finished after <paramref name="finishedAfter"/>, ignoring occurrences recorded as skipped; null when none.</summary>
    Task<RunRecord?> LatestFinishedAsync(string taskName, DateTimeOffset finishedAfter, CancellationToken cancellationToken);

    /// <summary>The task's latest run scheduled before <paramref name="scheduledBefore"/> (its "previous run"), or null.</summary>
    Task<RunRecord?> PreviousAsync(long tid, DateTimeOffset scheduledBefore, CancellationToken cancellationToken);

    /// <summary>For each of the given tasks that has one, its oldest run not yet final (ACTIVE to RUNNING), keyed by tid. One query for the whole batch.</summary>
    Task<IReadOnlyDictionary<long, RunRecord>> UnfinishedAsync(IReadOnlyCollection<long> tids, CancellationToken cancellationToken);

    /// <summary>The most recent scheduled time of any run of each task (missed-run recovery starts from it), keyed by tid.</summary>
    Task<IReadOnlyDictionary<long, DateTimeOffset>> LastScheduledAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of creating one run: the run, and whether this call created it.</summary>
internal sealed record RunCreation(RunRecord Run, bool Created);
