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

        // Per run two statements, each compiled once for the batch: the guarded update that answers the moved row
        // (no row: the run had moved on), and its event.
        await using var move = ReusedCommand.Create(connection, transaction, TransitionReturningSql(connections.Dialect), TransitionParameterTypes);
        await using var append = ReusedCommand.Create(connection, transaction, EventSql, EventParameters);
        foreach (var change in changes)
        {
            var row = await ReusedCommand.ReadRunAsync(move, cancellationToken, TransitionValues(change));
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
