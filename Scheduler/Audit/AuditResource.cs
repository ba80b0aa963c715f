using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Audit;

/// <summary>An audit entry as the API shows it.</summary>
internal sealed record AuditResource(
    long Id, DateTimeOffset At, string Who, string Source, string Action, string Target, long? BeforeVersion, long? AfterVersion, int Outcome, string? Detail)
{
    public static AuditResource From(AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.At, r.Who, r.Source, r.Action, r.Target, r.BeforeVersion, r.AfterVersion, r.Outcome, r.Detail);
    }
}
