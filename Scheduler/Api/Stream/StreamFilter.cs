namespace EasyTask.Scheduler.Api.Stream;

/// <summary>What a stream subscriber asked for: one run, one task, some statuses (output passes the status filter).</summary>
internal sealed record StreamFilter(string? RunId, string? Task, IReadOnlySet<string> Statuses)
{
    public bool Matches(StreamEvent e) =>
        (RunId is null || string.Equals(RunId, e.RunId, StringComparison.Ordinal))
        && (Task is null || string.Equals(Task, e.Task, StringComparison.Ordinal))
        && (Statuses.Count == 0 || e.Status is null || Statuses.Contains(e.Status));
}
