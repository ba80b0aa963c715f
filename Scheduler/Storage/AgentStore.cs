using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Agents over Dapper: one row per agent name, rewritten by each heartbeat.</summary>
internal sealed class AgentStore(IDbConnectionFactory connections) : IAgentStore
{
    private static readonly string[] Columns = ["name", "version", "capacity", "running", "last_heartbeat", "started_at"];

    private const string ListSql =
        "SELECT name AS Name, version AS Version, capacity AS Capacity, running AS Running, last_heartbeat AS LastHeartbeat, started_at AS StartedAt FROM agents ORDER BY name";

    private readonly string upsertSql = connections.Dialect.Upsert(
        "agents", "name", Columns, "version = @version, capacity = @capacity, running = @running, last_heartbeat = @last_heartbeat, started_at = @started_at");

    public async Task SaveAsync(AgentRecord agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new
        {
            name = agent.Name,
            version = agent.Version,
            capacity = agent.Capacity,
            running = agent.Running,
            last_heartbeat = EpochMilliseconds.From(agent.LastHeartbeat),
            started_at = EpochMilliseconds.From(agent.StartedAt),
        };
        await connection.ExecuteAsync(new CommandDefinition(upsertSql, parameters, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Version, long Capacity, long Running, long LastHeartbeat, long StartedAt)>(
            new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return rows.Select(r => new AgentRecord(r.Name, r.Version, (int)r.Capacity, (int)r.Running,
            EpochMilliseconds.ToInstant(r.LastHeartbeat), EpochMilliseconds.ToInstant(r.StartedAt))).ToList();
    }
}
