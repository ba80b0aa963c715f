namespace EasyTask.Scheduler.Storage;

/// <summary>The commands of adhoc runs, by run id.</summary>
internal interface IAdhocCommandStore
{
    /// <summary>Stores the command of a new adhoc run (once; a second save of the same run is ignored).</summary>
    Task SaveAsync(AdhocCommandRecord command, CancellationToken cancellationToken);

    /// <summary>The command of an adhoc run, or null (not adhoc, or created before commands were kept).</summary>
    Task<AdhocCommandRecord?> FindAsync(string runId, CancellationToken cancellationToken);
}
