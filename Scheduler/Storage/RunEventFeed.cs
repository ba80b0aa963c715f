using System.Data;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Reads the append-only <c>run_events</c> (status moves and typed events) in id order for the live stream: the database is the truth, so every
/// transition shows, whichever code path (or scheduler instance) made it, and an event id is a resumable position.
/// </summary>
internal sealed class RunEventFeed(IDbConnectionFactory connections)
{
    private const string LastIdSql = "SELECT COALESCE(MAX(id), 0) FROM run_events";

    /// <summary>The newest event id, or 0.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(LastIdSql, cancellationToken: cancellationToken));
    }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="afterId"/>, oldest first, each with its run as it is now.</summary>
    public async Task<IReadOnlyList<RunFeedEntry>> AfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var sql = $"SELECT {TimelineEventRow.Columns} FROM run_events e WHERE e.id > @afterId ORDER BY e.id {connections.Dialect.Page("offset", "limit")}";
        var rows = (await connection.QueryAsync<TimelineEventRow>(new CommandDefinition(sql, new { afterId, offset = 0, limit }, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var runs = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(e => e.RunId).Distinct().Chunk(500))
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add($"r{i}", chunk[i], DbType.String);
            }

            var inList = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"@r{i}"));
            foreach (var row in await connection.QueryAsync<RunRow>(new CommandDefinition($"SELECT {RunRow.Columns} FROM runs WHERE run_id IN ({inList})", parameters, cancellationToken: cancellationToken)))
            {
                runs[row.RunId] = row.ToRecord();
            }
        }

        return rows.Where(r => runs.ContainsKey(r.RunId)).Select(r => new RunFeedEntry(r.ToEvent(), r.ToMove(), runs[r.RunId])).ToList();
    }
}
