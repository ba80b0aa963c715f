using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>
/// What a stream client asked for: one run, one task, some statuses (a move's new status; a timeline event's
/// run status). Output passes a status filter only when the client also named a run or task: a
/// <c>status=FAILED</c> watcher wants failures, not every line every task prints.
/// </summary>
internal sealed record StreamFilter(string? RunId, string? Task, IReadOnlySet<string> Statuses)
{
    /// <summary>The filter from <c>run=</c>, <c>task=</c>, <c>status=</c> (comma-separated), or a 400 naming the field.</summary>
    public static StreamFilter? From(IQueryCollection query, out IResult? problem)
    {
        if (!RunFilterParameters.TryStatuses(query, out var wanted, out problem))
        {
            return null;
        }

        var statuses = wanted.Select(s => s.ToText()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new StreamFilter(Text(query["run"]), Text(query["task"]), statuses);
    }

    /// <summary>Whether the event passes; <paramref name="task"/> is the event's task when the caller knows it better.</summary>
    public bool Matches(LiveEvent e, string task) =>
        (RunId is null || string.Equals(RunId, e.RunId, StringComparison.Ordinal))
        && (Task is null || string.Equals(Task, task, StringComparison.Ordinal))
        && (Statuses.Count == 0 || (e.Status is null ? RunId is not null || Task is not null : Statuses.Contains(e.Status)));

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
