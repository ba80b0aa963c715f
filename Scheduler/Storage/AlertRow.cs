namespace EasyTask.Scheduler.Storage;

/// <summary>An <c>alerts</c> row as Dapper reads it.</summary>
internal sealed class AlertRow
{
    public const string Columns =
        "id AS Id, kind AS Kind, severity AS Severity, run_id AS RunId, task_name AS TaskName, host AS Host, message AS Message, created_at AS CreatedAt";

    public long Id { get; init; }

    public string Kind { get; init; } = "";

    public string Severity { get; init; } = "";

    public string? RunId { get; init; }

    public string? TaskName { get; init; }

    public string? Host { get; init; }

    public string Message { get; init; } = "";

    public long CreatedAt { get; init; }

    public AlertRecord ToAlert(IReadOnlyList<AlertDelivery> deliveries) =>
        new(Id, Kind, Severity, RunId, TaskName, Host, Message, EpochMilliseconds.ToInstant(CreatedAt), deliveries);
}
