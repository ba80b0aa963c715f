namespace EasyTask.Scheduler.Api.Groups;

/// <summary>What a group operation did: the tasks it changed (by name) and, for <c>run</c>, the run it started for each.</summary>
internal sealed record GroupActionResource(
    string Group,
    string Action,
    int Count,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<RunResource>? Runs = null);
