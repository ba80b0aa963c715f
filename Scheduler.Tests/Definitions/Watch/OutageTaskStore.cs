using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;
using Microsoft.Data.Sqlite;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>The real task store, which a test can make fail as an unreachable database does.</summary>
internal sealed class OutageTaskStore(ITaskStore inner) : ITaskStore
{
    private volatile bool down;

    /// <summary>While true, every call throws the error a database that cannot be reached gives.</summary>
    public bool Down
    {
        get => down;
        set => down = value;
    }

    /// <summary>A task name whose insert the database refuses (as a constraint or a too-long value would): not an outage.</summary>
    public string? RefusedName { get; set; }

    public Task<StoredTask> InsertAsync(TaskDefinition definition, string source, CancellationToken cancellationToken) =>
        definition.Name == RefusedName
            ? throw new SqliteException("CHECK constraint failed: tasks", 19)
            : Guard(() => inner.InsertAsync(definition, source, cancellationToken));

    public Task<StoredTask?> FindAsync(string name, CancellationToken cancellationToken) =>
        Guard(() => inner.FindAsync(name, cancellationToken));

    public Task<IReadOnlyList<StoredTask>> ListAsync(CancellationToken cancellationToken) =>
        Guard(() => inner.ListAsync(cancellationToken));

    public Task<StoredTask> UpdateAsync(string name, TaskDefinition definition, long expectedVersion, string source, CancellationToken cancellationToken) =>
        Guard(() => inner.UpdateAsync(name, definition, expectedVersion, source, cancellationToken));

    public Task<StoredTask> SetActiveAsync(string name, bool active, string source, CancellationToken cancellationToken) =>
        Guard(() => inner.SetActiveAsync(name, active, source, cancellationToken));

    public Task<StoredTask> SetHoldAsync(string name, bool onHold, string source, CancellationToken cancellationToken) =>
        Guard(() => inner.SetHoldAsync(name, onHold, source, cancellationToken));

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        Guard(() => inner.DeleteAsync(name, cancellationToken));

    private Task<T> Guard<T>(Func<Task<T>> call) =>
        down ? throw new SqliteException("unable to open database file", 14) : call();
}
