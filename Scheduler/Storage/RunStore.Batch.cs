using EasyTask.Contracts.Runs;

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

        // Each statement is compiled once for the batch. The moved row is read back by its key rather than returned by
        // the update (UPDATE … RETURNING): on SQLite through Microsoft.Data.Sqlite that measured slower, not faster.
        // On PostgreSQL the update answers the moved row itself (PostgresTransitionReturningSql).
        var returning = connections.Dialect.Provider == DatabaseProvider.Postgres;
        await using var move = ReusedCommand.Create(connection, transaction, returning ? PostgresTransitionReturningSql : TransitionSql, TransitionParameterTypes);
        await using var find = ReusedCommand.Create(connection, transaction, FindSql, FindParameters);
        await using var append = ReusedCommand.Create(connection, transaction, EventSql, EventParameters);
        foreach (var change in changes)
        {
            RunRow? row;
            if (returning)
            {
                row = await ReusedCommand.ReadRunAsync(move, cancellationToken, TransitionValues(change));
            }
            else if (await ReusedCommand.ExecuteAsync(move, cancellationToken, TransitionValues(change)) == 0)
            {
                row = null;
            }
            else
            {
                row = await ReusedCommand.ReadRunAsync(find, cancellationToken, change.RunId)
                    ?? throw new InvalidOperationException($"run {change.RunId} moved but cannot be read back in the same transaction");
            }

            if (row is null)
            {
                results.Add(null);
                continue;
            }

            await ReusedCommand.ExecuteAsync(append, cancellationToken, change.RunId, (int)row.Attempt, now, change.Actor, change.From.ToText(), change.To.ToText(), change.Detail);
            results.Add(row.ToRecord());
        }

        await LeaseFence.CheckAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Ring();
        return results;
    }
}
