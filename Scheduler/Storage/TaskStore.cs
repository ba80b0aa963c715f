using System.Data.Common;
using System.Text.Json;
using Dapper;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Task definitions over Dapper. The whole definition is stored as the JSON operators write; the columns
/// beside it (active, host, group, instance) are copies for queries, rewritten with it on every change.
/// </summary>
internal sealed partial class TaskStore(IDbConnectionFactory connections, TimeProvider time) : ITaskStore
{
    /// <summary>Longest <c>source</c> kept; the column holds 1024 characters on every provider.</summary>
    internal const int MaxSourceLength = 1024;

    private const string SelectColumns =
        "SELECT tid AS Tid, name AS Name, definition AS Definition, on_hold AS OnHold, version AS Version, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt, source AS Source FROM tasks";

    private const string FindSql = SelectColumns + " WHERE name = @name";

    private const string ListSql = SelectColumns + " ORDER BY name";

    private const string InsertSql =
        "INSERT INTO tasks (tid, name, definition, active, on_hold, run_on_host, group_name, instance, version, created_at, updated_at, source) " +
        "VALUES (@tid, @name, @definition, @active, 0, @runOnHost, @groupName, @instance, 1, @now, @now, @source)";

    private const string DeleteSql = "DELETE FROM tasks WHERE name = @name";

    public async Task<StoredTask> InsertAsync(TaskDefinition definition, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // Checked first for a message naming the clash; the unique constraints still decide races.
        await ThrowIfTakenAsync(connection, definition, cancellationToken);
        var now = EpochMilliseconds.Now(time);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(definition, now, source), cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (connections.Dialect.IsUniqueViolation(ex))
        {
            await ThrowIfTakenAsync(connection, definition, cancellationToken);
            throw new DuplicateTaskException(
                $"task \"{definition.Name}\" (tid {definition.Tid}) clashes with a task written at the same moment: {ex.Message}");
        }

        var instant = EpochMilliseconds.ToInstant(now);
        return new StoredTask(definition, 1, false, instant, instant, Truncate(source));
    }

    public async Task<StoredTask?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await FindRowAsync(connection, null, name, cancellationToken);
        return row is null ? null : ToStored(row);
    }

    public async Task<IReadOnlyList<StoredTask>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return rows.Select(ToStored).ToList();
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { name }, cancellationToken: cancellationToken));
        return deleted > 0;
    }

    private static Task<TaskRow?> FindRowAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(FindSql, new { name }, transaction, cancellationToken: cancellationToken));

    private static object Parameters(TaskDefinition definition, long now, string source) => new
    {
        tid = definition.Tid,
        name = definition.Name,
        definition = TaskDefinitionJson.Serialize(definition),
        active = definition.Active ? 1 : 0,
        runOnHost = definition.RunOnHost,
        groupName = definition.Group,
        instance = definition.Instance,
        now,
        source = Truncate(source),
    };

    private static string Truncate(string source) =>
        source is { Length: > MaxSourceLength } ? source[..MaxSourceLength] : source ?? "";

    private static StoredTask ToStored(TaskRow row)
    {
        var definition = JsonSerializer.Deserialize<TaskDefinition>(row.Definition, TaskDefinitionJson.WriteOptions)
            ?? throw new InvalidDataException($"task \"{row.Name}\" (tid {row.Tid}) has an empty definition in the database");
        return new StoredTask(
            definition,
            row.Version,
            row.OnHold != 0,
            EpochMilliseconds.ToInstant(row.CreatedAt),
            EpochMilliseconds.ToInstant(row.UpdatedAt),
            row.Source);
    }
}
