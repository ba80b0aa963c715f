using Dapper;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>Loading many definitions at once (imports, benchmarks): one transaction, all or nothing.</summary>
internal sealed partial class TaskStore
{
    /// <summary>Inserts every definition in one transaction; a clash with an existing tid or name rolls the whole batch back.</summary>
    public async Task InsertManyAsync(IEnumerable<TaskDefinition> definitions, string source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = EpochMilliseconds.Now(time);
        foreach (var definition in definitions)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(definition, now, source), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
