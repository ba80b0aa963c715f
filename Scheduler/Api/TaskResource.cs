using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// How the API shows a stored task: its definition plus the bookkeeping an operator needs. In lists and
/// <c>GET</c>, also its last run and next occurrence (as AutoSys <c>autorep</c> does), and warnings about what
/// would stop it from running (an unknown host, an owner the agent refuses).
/// </summary>
internal sealed record TaskResource(
    long Tid,
    string Name,
    long Version,
    bool Active,
    bool OnHold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Source,
    TaskDefinition Definition,
    TaskLastRun? LastRun = null,
    DateTimeOffset? NextRun = null,
    IReadOnlyList<string>? Warnings = null)
{
    public static TaskResource From(StoredTask task) => new(
        task.Definition.Tid,
        task.Definition.Name,
        task.Version,
        task.Definition.Active,
        task.OnHold,
        task.CreatedAt,
        task.UpdatedAt,
        task.Source,
        task.Definition);
}

/// <summary>A task's latest run in brief: which, how it stands, and when (finished, else started, else due).</summary>
internal sealed record TaskLastRun(string RunId, string Status, string? Reason, DateTimeOffset At)
{
    public static TaskLastRun Of(RunRecord run) =>
        new(run.RunId, Contracts.Runs.RunStatusText.ToText(run.Status), run.Reason, run.FinishedAt ?? run.StartedAt ?? run.ScheduledFor);
}
