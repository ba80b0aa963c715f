using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A filter over runs, newest scheduled first.</summary>
internal sealed record RunQuery(
    string? TaskName = null,
    IReadOnlyList<RunStatus>? Statuses = null,
    DateTimeOffset? ScheduledSince = null,
    int Limit = 100);
