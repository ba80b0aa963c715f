using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>How the API and <c>--json</c> show a run: snake_case, statuses in their documented upper-case names.</summary>
internal sealed record RunResource(
    string RunId,
    string Task,
    long Tid,
    int Attempt,
    string Status,
    string? Reason,
    int? ReturnCode,
    string Host,
    bool Adhoc,
    DateTimeOffset ScheduledFor,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string? WaitingFor = null,
    IReadOnlyList<RunEventResource>? Events = null)
{
    public static RunResource From(RunRecord run, string? waitingFor = null, IReadOnlyList<RunEvent>? events = null) => new(
        run.RunId,
        run.TaskName,
        run.Tid,
        run.Attempt,
        run.Status.ToText(),
        run.Reason,
        run.ReturnCode,
        run.Host,
        run.Adhoc,
        run.ScheduledFor,
        run.CreatedAt,
        run.StartedAt,
        run.FinishedAt,
        run is { StartedAt: { } started, FinishedAt: { } finished } ? (long)(finished - started).TotalMilliseconds : null,
        waitingFor,
        events?.Select(RunEventResource.Of).ToList());
}

/// <summary>One step of a run's timeline.</summary>
internal sealed record RunEventResource(DateTimeOffset At, int Attempt, string? From, string To, string Actor, string? Detail)
{
    public static RunEventResource Of(RunEvent e) => new(e.At, e.Attempt, e.From?.ToText(), e.To.ToText(), e.Actor, e.Detail);
}
