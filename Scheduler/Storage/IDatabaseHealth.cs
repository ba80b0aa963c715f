namespace EasyTask.Scheduler.Storage;

/// <summary>Readiness of the database: can a connection be opened and a query answered.</summary>
internal interface IDatabaseHealth
{
    /// <summary>Never throws for a database problem: it is reported in the result.</summary>
    Task<DatabaseHealthResult> CheckAsync(CancellationToken cancellationToken);
}
