using System.Data.Common;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Audit;

/// <summary>Writes audit entries. A failure to write is logged as an error, never thrown at the caller whose action already happened.</summary>
internal sealed partial class AuditTrail(IAuditStore store, TimeProvider time, ILogger<AuditTrail> logger)
{
    /// <summary>Records an action by the caller of <paramref name="http"/> (who and from where come from the request).</summary>
    public Task RecordAsync(HttpContext http, string action, string target, int outcome, long? before = null, long? after = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        return RecordAsync(EasyTaskClaims.WhoIs(http.User), SourceOf(http), action, target, outcome, before, after, detail);
    }

    public async Task RecordAsync(string who, string source, string action, string target, int outcome, long? before = null, long? after = null, string? detail = null)
    {
        try
        {
            await store.AppendAsync(new AuditRecord(0, time.GetUtcNow(), who, source, action, target, before, after, outcome, detail), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            LogNotRecorded(logger, ex, action, target, who);
        }
    }

    public static string SourceOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry not recorded: {Action} {Target} by {Who}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string action, string target, string who);
}
