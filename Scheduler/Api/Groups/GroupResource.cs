namespace EasyTask.Scheduler.Api.Groups;

/// <summary>
/// A group as <c>GET /api/v1/groups</c> shows it: how many tasks, how many of them are active, inactive, on hold,
/// running now or failed last, and one word for the whole: <c>active</c>, <c>on_hold</c>, <c>inactive</c> or <c>mixed</c>.
/// </summary>
internal sealed record GroupResource(
    string Group,
    string State,
    int Tasks,
    int Active,
    int Inactive,
    int OnHold,
    int Running,
    int Failed,
    IReadOnlyList<string>? TaskNames = null);
