using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>A filter over runs, newest scheduled first unless <see cref="OldestFirst"/>; <see cref="After"/> pages an oldest-first listing;
/// <see cref="RetryDueBy"/> keeps only runs whose retry backoff (<c>not_before</c>) is over by then;
/// <see cref="Host"/> keeps only the runs of one run_on_host.</summary>
internal sealed record RunQuery(
    string? TaskName = null,
    IReadOnlyList<RunStatus>? Statuses = null,
    DateTimeOffset? ScheduledSince = null,
    int Limit = 100,
    bool OldestFirst = false,
    RunCursor? After = null,
    DateTimeOffset? RetryDueBy = null,
    string? Host = null);
