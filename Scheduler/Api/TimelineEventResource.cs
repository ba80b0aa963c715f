using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>One timeline row as the API shows it: <c>from</c>/<c>to</c> only on status moves (and run_created).</summary>
internal sealed record TimelineEventResource(long Id, DateTimeOffset At, string Type, string Severity, int Attempt, string? From, string? To, string Actor, string? Detail)
{
    public static TimelineEventResource Of(TimelineEvent e) => new(e.Id, e.At, e.Type, e.Severity, e.Attempt, e.From, e.To, e.Actor, e.Detail);
}
