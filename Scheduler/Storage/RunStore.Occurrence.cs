using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    public async Task<RunRecord?> FindOccurrenceAsync(long tid, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var key = new { tid, scheduledFor = EpochMilliseconds.From(scheduledFor) };
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(FindByKeySql, key, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }
}
