using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>One page of the run list as the console asks for it: newest scheduled first, filtered on the server.</summary>
internal sealed record RunPageQuery(
    string? NameContains = null,
    IReadOnlyList<RunStatus>? Statuses = null,
    DateTimeOffset? ScheduledSince = null,
    bool? Adhoc = null,
    string? Host = null,
    int Offset = 0,
    int Limit = 50);
