using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>A task definition as the database holds it, with the version that guards concurrent updates.</summary>
internal sealed record StoredTask(
    TaskDefinition Definition,
    long Version,
    bool OnHold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Source);
