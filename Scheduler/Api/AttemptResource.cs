using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>One attempt as the API shows it, with the current state of its host's circuit breaker.</summary>
internal sealed record AttemptResource(
    int Attempt,
    string Status,
    string? Reason,
    string? ErrorClass,
    int? ReturnCode,
    string Host,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string? Detail,
    string HostBreaker)
{
    public static AttemptResource Of(AttemptDetail a, IReadOnlyList<BreakerState> open) => new(
        a.Attempt, a.Status, a.Reason, a.ErrorClass, a.ReturnCode, a.Host, a.StartedAt, a.FinishedAt,
        a is { StartedAt: { } s, FinishedAt: { } f } ? (long)(f - s).TotalMilliseconds : null,
        a.Detail,
        open.FirstOrDefault(b => b.Host == a.Host)?.State ?? "closed");
}
