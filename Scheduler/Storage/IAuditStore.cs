namespace EasyTask.Scheduler.Storage;

/// <summary>The append-only audit trail: there is deliberately no update and no delete.</summary>
internal interface IAuditStore
{
    Task AppendAsync(AuditRecord entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
