using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Hold and release: an operator's pause that leaves the definition (and its <c>active</c> flag) untouched, and
/// its version too (the version counts definition changes, not operator toggles).
/// </summary>
internal sealed partial class TaskStore
{
    private const string HoldSql =
        "UPDATE tasks SET on_hold = @onHold, updated_at = @now, source = @source WHERE name = @name";

    public async Task<StoredTask> SetHoldAsync(string name, bool onHold, string source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { name, onHold = onHold ? 1 : 0, now = EpochMilliseconds.Now(time), source = Truncate(source) };
        var updated = await connection.ExecuteAsync(new CommandDefinition(HoldSql, parameters, cancellationToken: cancellationToken));
        var row = updated == 0 ? null : await FindRowAsync(connection, null, name, cancellationToken);
        return row is null ? throw new TaskNotFoundException(name) : ToStored(row);
    }
}
