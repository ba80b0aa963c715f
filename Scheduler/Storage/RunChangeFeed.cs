using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Which runs changed since a position in <c>run_events</c>, each as it is now: lets a reader that keeps runs in memory (the slot
/// queue's index of runs in flight) follow every transition, whichever code path or scheduler instance made it, reading only
/// what changed instead of every row. Every status move appends its event in the same transaction as the run row's update, so
/// a run whose row moved has an event past the position.
/// </summary>
internal sealed class RunChangeFeed(IDbConnectionFactory connections)
{
    private const string LastIdSql = "SELECT COALESCE(MAX(id), 0) FROM run_events";

    // The primary key bounds the event range; each touched run is then one primary-key lookup.
    private const string ChangedSql =
        $"SELECT {RunRow.Columns} FROM runs WHERE run_id IN (SELECT run_id FROM run_events WHERE id > @after AND id <= @upTo)";

    /// <summary>The newest event id, or 0: a position from which <see cref="SinceAsync"/> reports what changes next.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(LastIdSql, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The runs with an event after <paramref name="after"/>, each as it is now, and the position they bring the reader to.
    /// More than <paramref name="limit"/> events since then answers null: reading every run afresh is cheaper.
    /// </summary>
    public async Task<RunChanges?> SinceAsync(long after, long limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var upTo = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LastIdSql, cancellationToken: cancellationToken));
        if (upTo <= after)
        {
            // Nothing new; a position behind the reader's (a database restored from backup) is not followed from here.
            return upTo == after ? new RunChanges(after, []) : null;
        }

        if (upTo - after > limit)
        {
            return null;
        }

        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(ChangedSql, new { after, upTo }, cancellationToken: cancellationToken));
        return new RunChanges(upTo, [.. rows.Select(r => r.ToRecord())]);
    }
}
