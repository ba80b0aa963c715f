using System.Data.Common;
using Dapper;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>Changes to existing tasks, each guarded by the version the caller read.</summary>
internal sealed partial class TaskStore
{
    // SetActive has no version from the caller: it re-reads and retries when another writer slips in
    // between, a few times, then reports the conflict instead of spinning.
    private const int SetActiveAttempts = 5;

    private const string UpdateSql =
        "UPDATE tasks SET definition = @definition, active = @active, run_on_host = @runOnHost, group_name = @groupName, " +
        "instance = @instance, version = version + 1, updated_at = @now, source = @source " +
        "WHERE name = @name AND tid = @tid AND version = @expected";

    // Operator state, not a new definition: the version (what If-Match and "version N" count) stays.
    private const string SetActiveSql =
        "UPDATE tasks SET definition = @definition, active = @active, updated_at = @now, source = @source " +
        "WHERE name = @name AND tid = @tid AND version = @expected";

    private const string ClashSql = "SELECT tid AS Tid, name AS Name FROM tasks WHERE tid = @tid OR name = @name";

    /// <summary>
    /// A task keeps its name and tid for life: runs and dependencies refer to them. Changing either
    /// throws <see cref="ArgumentException"/> naming the field; delete and insert to renumber or rename.
    /// </summary>
    public async Task<StoredTask> UpdateAsync(string name, TaskDefinition definition, long expectedVersion, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!string.Equals(definition.Name, name, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"name: the definition says \"{definition.Name}\" but the task being updated is \"{name}\"; a task cannot be renamed, delete it and insert it under the new name",
                nameof(definition));
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new DynamicParameters(Parameters(definition, EpochMilliseconds.Now(time), source));
        parameters.Add("expected", expectedVersion);
        var updated = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, transaction, cancellationToken: cancellationToken));
        var row = await FindRowAsync(connection, transaction, name, cancellationToken);
        if (updated == 0)
        {
            throw row switch
            {
                null => new TaskNotFoundException(name),
                _ when row.Tid != definition.Tid => new ArgumentException(
                    $"tid: task \"{name}\" has tid {row.Tid}, the definition says {definition.Tid}; a task's tid cannot change, delete it and insert it with the new tid",
                    nameof(definition)),
                _ => new VersionConflictException(name, expectedVersion, row.Version),
            };
        }

        await transaction.CommitAsync(cancellationToken);
        return ToStored(row!);
    }

    /// <summary>Activate / deactivate: the <c>active</c> flag changes (in the definition too), the version does not.</summary>
    public async Task<StoredTask> SetActiveAsync(string name, bool active, string source, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(name, cancellationToken) ?? throw new TaskNotFoundException(name);
            await using var connection = await connections.OpenAsync(cancellationToken);
            var parameters = new DynamicParameters(Parameters(current.Definition with { Active = active }, EpochMilliseconds.Now(time), source));
            parameters.Add("expected", current.Version);
            if (await connection.ExecuteAsync(new CommandDefinition(SetActiveSql, parameters, cancellationToken: cancellationToken)) == 1)
            {
                var row = await FindRowAsync(connection, null, name, cancellationToken);
                return row is null ? throw new TaskNotFoundException(name) : ToStored(row);
            }

            if (attempt >= SetActiveAttempts)
            {
                var now = await FindAsync(name, cancellationToken) ?? throw new TaskNotFoundException(name);
                throw new VersionConflictException(name, current.Version, now.Version);
            }

            // Someone else changed the task between our read and write: read it again.
        }
    }

    /// <summary>Throws <see cref="DuplicateTaskException"/> naming the task that holds the tid or the name.</summary>
    private static async Task ThrowIfTakenAsync(DbConnection connection, TaskDefinition definition, CancellationToken cancellationToken)
    {
        var clashes = await connection.QueryAsync<TaskRow>(
            new CommandDefinition(ClashSql, new { tid = definition.Tid, name = definition.Name }, cancellationToken: cancellationToken));
        var clash = clashes.OrderBy(c => c.Tid == definition.Tid ? 0 : 1).FirstOrDefault();
        if (clash is null)
        {
            return;
        }

        throw clash.Tid == definition.Tid
            ? new DuplicateTaskException($"a task with tid {clash.Tid} already exists (\"{clash.Name}\")")
            : new DuplicateTaskException($"a task named \"{clash.Name}\" already exists (tid {clash.Tid})");
    }
}
