using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    public async Task<IReadOnlyList<RunRecord?>> TransitionManyAsync(IReadOnlyList<RunChange> changes, CancellationToken cancellationToken)
    {
        var results = new List<RunRecord?>(changes.Count);
        if (changes.Count == 0)
        {
            return results;
        }

        // One commit for the whole batch: a thousand runs moving together cost one disk flush, not a thousand.
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = EpochMilliseconds.Now(time);
        foreach (var change in changes)
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(TransitionSql, TransitionParameters(change), transaction, cancellationToken: cancellationToken));
            if (updated == 0)
            {
                results.Add(null);
                continue;
            }

            var row = await connection.QuerySingleAsync<RunRow>(new CommandDefinition(FindSql, new { runId = change.RunId }, transaction, cancellationToken: cancellationToken));
            await AppendEventAsync(connection, transaction, change.RunId, (int)row.Attempt, now, change.Actor, change.From, change.To, change.Detail, cancellationToken);
            results.Add(row.ToRecord());
        }

        await LeaseFence.CheckAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Ring();
        return results;
    }
}
