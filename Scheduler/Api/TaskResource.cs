using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>How the API shows a stored task: its definition plus the bookkeeping an operator needs.</summary>
internal sealed record TaskResource(
    long Tid,
    string Name,
    long Version,
    bool Active,
    bool OnHold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Source,
    TaskDefinition Definition)
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
