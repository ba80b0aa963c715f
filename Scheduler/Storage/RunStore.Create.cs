using System.Data;
using System.Data.Common;
using Dapper;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    private static readonly (string Name, DbType Type)[] FindByKeyParameters = [("tid", DbType.Int64), ("scheduledFor", DbType.Int64)];

    private static readonly (string Name, DbType Type)[] InsertParameters =
    [
        ("runId", DbType.String), ("tid", DbType.Int64), ("taskName", DbType.String), ("scheduledFor", DbType.Int64), ("status", DbType.String),
        ("reason", DbType.String), ("host", DbType.String), ("adhoc", DbType.Int32), ("now", DbType.Int64), ("finishedAt", DbType.Int64), ("manual", DbType.Int32),
    ];

    internal static readonly (string Name, DbType Type)[] EventParameters =
    [
        ("runId", DbType.String), ("attempt", DbType.Int32), ("at", DbType.Int64), ("actor", DbType.String),
        ("fromStatus", DbType.String), ("toStatus", DbType.String), ("detail", DbType.String),
    ];

    private async Task<IReadOnlyList<RunCreation>> CreateOnceAsync(IReadOnlyList<NewRun> runs, string actor, CancellationToken cancellationToken)
    {
        var results = new List<RunCreation>(runs.Count);
        if (runs.Count == 0)
        {
            return results;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One command per statement, reused for every run of the batch: SQLite then compiles each statement once
        // instead of once per run. Per run it is still look up, insert, first event, so a batch that names an
        // occurrence twice finds the run it inserted a moment ago.
        await using var find = ReusedCommand.Create(connection, transaction, FindByKeySql, FindByKeyParameters);
        await using var insert = ReusedCommand.Create(connection, transaction, InsertSql, InsertParameters);
        await using var append = ReusedCommand.Create(connection, transaction, EventSql, EventParameters);
        var now = EpochMilliseconds.Now(time);
        foreach (var run in runs)
        {
            // A manual run is never merged with another request; only a scheduled occurrence has an idempotent key.
            var existing = run.Manual ? null : await FindByKeyAsync(find, run.Tid, EpochMilliseconds.From(run.ScheduledFor), cancellationToken);
            if (existing is not null)
            {
                results.Add(new RunCreation(existing.ToRecord(), false));
                continue;
            }

            var row = NewRow(run, now);
            await ReusedCommand.ExecuteAsync(insert, cancellationToken, row.RunId, row.Tid, row.TaskName, row.ScheduledFor, row.Status, row.Reason, row.Host, (int)row.Adhoc, now, row.FinishedAt, run.Manual ? 1 : 0);
            await ReusedCommand.ExecuteAsync(append, cancellationToken, row.RunId, 1, now, actor, null, row.Status, run.Detail);
            results.Add(new RunCreation(row.ToRecord(), true));
        }

        await LeaseFence.CheckAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Ring();
        return results;
    }

    private static Task<RunRow?> FindByKeyAsync(DbCommand find, long tid, long scheduledFor, CancellationToken cancellationToken) =>
        ReusedCommand.ReadRunAsync(find, cancellationToken, tid, scheduledFor);
}
