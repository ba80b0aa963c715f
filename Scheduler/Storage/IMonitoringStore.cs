namespace EasyTask.Scheduler.Storage;

/// <summary>
/// What monitoring reads and writes beside the run lifecycle: typed timeline events, attempts with their error
/// class, the failed-runs list, operator retries of final runs, health figures and retention.
/// </summary>
internal interface IMonitoringStore
{
    /// <summary>Appends a typed event to the run's timeline.</summary>
    Task AppendAsync(NewTimelineEvent entry, CancellationToken cancellationToken);

    /// <summary>
    /// The batch this flow of work collects its appends, classifications and failed-list entries in (each written at
    /// once when null). Set it in the async method whose awaits it should cover; it ends with that method.
    /// </summary>
    MonitoringBatch? Batch { get; set; }

    /// <summary>
    /// Writes what the batch collected in one transaction, in order; when that fails, each on its own. Returns the
    /// writes that could not be recorded. A closed batch takes no more: later writes go to the database at once.
    /// </summary>
    Task<IReadOnlyList<MonitoringWriteFailure>> WriteAsync(MonitoringBatch pending, bool close, CancellationToken cancellationToken);

    /// <summary>The run's whole timeline (status moves and typed events), oldest first.</summary>
    Task<IReadOnlyList<TimelineEvent>> TimelineAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every finished attempt of the run, in order.</summary>
    Task<IReadOnlyList<AttemptDetail>> AttemptsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Stores an attempt's error class and detail (the attempt row must exist).</summary>
    Task ClassifyAttemptAsync(string runId, int attempt, string errorClass, string? detail, CancellationToken cancellationToken);

    /// <summary>Puts the run on the failed-runs list, or refreshes its entry (a retried run that failed again).</summary>
    Task AddFailedAsync(FailedRun entry, CancellationToken cancellationToken);

    /// <summary>The failed-runs list, newest first.</summary>
    Task<IReadOnlyList<FailedRun>> FailedAsync(FailedRunQuery query, CancellationToken cancellationToken);

    /// <summary>The run's entry on the failed-runs list, or null.</summary>
    Task<FailedRun?> FindFailedAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Marks the entry dismissed; false when the run is not on the list.</summary>
    Task<bool> DismissAsync(string runId, string by, CancellationToken cancellationToken);

    /// <summary>Takes the run off the failed-runs list (it was sent back for another attempt); nothing when it is not listed.</summary>
    Task RemoveFailedAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Figures for the health view.</summary>
    Task<HealthFigures> HealthAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batch"/> final runs finished before <paramref name="before"/>, with their events, attempts, output and alerts; returns how many runs went.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken);
}
