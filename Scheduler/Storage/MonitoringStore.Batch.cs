using System.Data.Common;
using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class MonitoringStore
{
    // Per flow of work, not per thread: the batch follows the awaits of whoever opened it, and nobody else.
    private readonly AsyncLocal<MonitoringBatch?> batch = new();

    public MonitoringBatch? Batch
    {
        get => batch.Value;
        set => batch.Value = value;
    }

    public async Task<IReadOnlyList<MonitoringWriteFailure>> WriteAsync(MonitoringBatch pending, bool close, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var commands = pending.Take(close);
        if (commands.Count == 0)
        {
            return [];
        }

        try
        {
            await using (var connection = await connections.OpenAsync(cancellationToken))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var command in commands)
                {
                    await ExecuteAsync(connection, transaction, command, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            Rang(commands);
            return [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One write that fails must not take the others with it: each is tried on its own, as unbatched.
            var failures = new List<MonitoringWriteFailure>();
            foreach (var command in commands)
            {
                try
                {
                    await using var connection = await connections.OpenAsync(cancellationToken);
                    await ExecuteAsync(connection, null, command, cancellationToken);
                }
                catch (Exception one) when (one is not OperationCanceledException)
                {
                    failures.Add(new MonitoringWriteFailure(command.RunId, one));
                }
            }

            Rang(commands);
            return failures;
        }
    }

    /// <summary>Queues the write in the flow's open batch, or writes it at once when there is none.</summary>
    private async Task WriteAsync(MonitoringCommand command, CancellationToken cancellationToken)
    {
        if (batch.Value?.TryAdd(command) == true)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, command, cancellationToken);
        Rang([command]);
    }

    private static Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, MonitoringCommand command, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(command.Sql, command.Parameters, transaction, cancellationToken: cancellationToken));

    private void Rang(List<MonitoringCommand> commands)
    {
        if (commands.Exists(c => c.Timeline))
        {
            signal?.Ring();
        }
    }
}
