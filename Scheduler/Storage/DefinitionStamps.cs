using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// The version of every task and calendar in one light query each: a scheduler compares them with what it holds
/// to pick up changes made through another scheduler on the same database.
/// </summary>
internal sealed class DefinitionStamps(IDbConnectionFactory connections)
{
    private const string TasksSql = "SELECT name, version, updated_at FROM tasks";

    private const string CalendarsSql = "SELECT name, version, updated_at FROM calendars";

    /// <summary>Task name → (version, updated_at in epoch ms).</summary>
    public Task<Dictionary<string, (long Version, long UpdatedAt)>> TasksAsync(CancellationToken cancellationToken) => ReadAsync(TasksSql, cancellationToken);

    /// <summary>Calendar name → (version, updated_at in epoch ms).</summary>
    public Task<Dictionary<string, (long Version, long UpdatedAt)>> CalendarsAsync(CancellationToken cancellationToken) => ReadAsync(CalendarsSql, cancellationToken);

    private async Task<Dictionary<string, (long Version, long UpdatedAt)>> ReadAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, long Version, long UpdatedAt)>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Name, r => (r.Version, r.UpdatedAt), StringComparer.Ordinal);
    }
}
