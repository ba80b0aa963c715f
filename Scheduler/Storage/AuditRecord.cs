namespace EasyTask.Scheduler.Storage;

/// <summary>
/// One audit entry: who (token name or OIDC subject), when, from where, what action on which target,
/// the target's version before and after, and the HTTP-like outcome (200, 403, 401 …).
/// </summary>
internal sealed record AuditRecord(
    long Id,
    DateTimeOffset At,
    string Who,
    string Source,
    string Action,
    string Target,
    long? BeforeVersion,
    long? AfterVersion,
    int Outcome,
    string? Detail);
