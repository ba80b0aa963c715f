using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>An entry of the failed-runs list as the API shows it.</summary>
internal sealed record FailedRunResource(
    string RunId,
    string Task,
    long Tid,
    string Host,
    string Status,
    string? Reason,
    string? ErrorClass,
    int? ReturnCode,
    int Attempts,
    string? Detail,
    DateTimeOffset FailedAt,
    DateTimeOffset? DismissedAt,
    string? DismissedBy)
{
    public static FailedRunResource Of(FailedRun f) => new(
        f.RunId, f.TaskName, f.Tid, f.Host, f.Status, f.Reason, f.ErrorClass, f.ReturnCode, f.Attempts, f.Detail, f.FailedAt, f.DismissedAt, f.DismissedBy);
}
