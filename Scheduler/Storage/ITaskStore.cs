using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Task definitions in the database. Every write is one statement or one transaction: a failure
/// never leaves a half-written row. <paramref name="source"/> parameters record who/what made the change.
/// </summary>
internal interface ITaskStore
{
    /// <summary>Inserts a new task at version 1. Throws <see cref="DuplicateTaskException"/> when the tid or name exists.</summary>
    Task<StoredTask> InsertAsync(TaskDefinition definition, string source, CancellationToken cancellationToken);

    /// <summary>The task of that name, or null.</summary>
    Task<StoredTask?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>All tasks, ordered by name.</summary>
    Task<IReadOnlyList<StoredTask>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the definition when the stored version still equals <paramref name="expectedVersion"/>, and bumps the version.
    /// Throws <see cref="TaskNotFoundException"/>, <see cref="VersionConflictException"/> (stale version),
    /// or <see cref="ArgumentException"/> naming the field when the definition's name or tid differs from the
    /// stored task's: both are kept for life because runs and dependencies refer to them.
    /// </summary>
    Task<StoredTask> UpdateAsync(string name, TaskDefinition definition, long expectedVersion, string source, CancellationToken cancellationToken);

    /// <summary>Sets the definition's <c>active</c> flag and bumps the version. Throws <see cref="TaskNotFoundException"/>.</summary>
    Task<StoredTask> SetActiveAsync(string name, bool active, string source, CancellationToken cancellationToken);

    /// <summary>Puts the task on hold (it does not fire) or releases it, and bumps the version. Throws <see cref="TaskNotFoundException"/>.</summary>
    Task<StoredTask> SetHoldAsync(string name, bool onHold, string source, CancellationToken cancellationToken);

    /// <summary>Deletes the task; its past runs stay. False when no such task existed.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}
