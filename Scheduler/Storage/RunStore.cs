using System.Data;
using System.Data.Common;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>Runs and their event timelines over Dapper. Each write is one transaction: the run row and its event, or nothing.</summary>
internal sealed partial class RunStore(IDbConnectionFactory connections, TimeProvider time) : IRunStore
{
    private const string FindByKeySql = "SELECT " + RunRow.Columns + " FROM runs WHERE tid = @tid AND scheduled_for = @scheduledFor";

    private const string FindSql = "SELECT " + RunRow.Columns + " FROM runs WHERE run_id = @runId";

    private const string InsertSql =
        "INSERT INTO runs (run_id, tid, task_name, scheduled_for, status, reason, attempt, host, adhoc, created_at, finished_at, version) " +
        "VALUES (@runId, @tid, @taskName, @scheduledFor, @status, @reason, 1, @host, @adhoc, @now, @finishedAt, 1)";

    private const string EventSql =
        "INSERT INTO run_events (run_id, attempt, at, actor, from_status, to_status, detail) VALUES (@runId, @attempt, @at, @actor, @fromStatus, @toStatus, @detail)";

    // A clash with another scheduler creating the same occurrence at the same moment is rare; the retry then finds its run.
    private const int CreateAttempts = 3;

    public async Task<IReadOnlyList<RunCreation>> CreateAsync(IReadOnlyList<NewRun> runs, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CreateOnceAsync(runs, actor, cancellationToken);
            }
            catch (DbException ex) when (connections.Dialect.IsUniqueViolation(ex) && attempt < CreateAttempts)
            {
                // The transaction rolled back whole; the next pass sees the other writer's runs as existing.
            }
        }
    }

    private async Task<IReadOnlyList<RunCreation>> CreateOnceAsync(IReadOnlyList<NewRun> runs, string actor, CancellationToken cancellationToken)
    {
        var results = new List<RunCreation>(runs.Count);
        if (runs.Count == 0)
        {
            return results;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = EpochMilliseconds.Now(time);
        foreach (var run in runs)
        {
            var key = new { tid = run.Tid, scheduledFor = EpochMilliseconds.From(run.ScheduledFor) };
            var existing = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(FindByKeySql, key, transaction, cancellationToken: cancellationToken));
            if (existing is not null)
            {
                results.Add(new RunCreation(existing.ToRecord(), false));
                continue;
            }

            var row = NewRow(run, now);
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, InsertParameters(row), transaction, cancellationToken: cancellationToken));
            await AppendEventAsync(connection, transaction, row.RunId, 1, now, actor, null, run.Status, run.Detail, cancellationToken);
            results.Add(new RunCreation(row.ToRecord(), true));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    public async Task<RunRecord?> TransitionAsync(RunChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (await TransitionManyAsync([change], cancellationToken))[0];
    }

    private RunRow NewRow(NewRun run, long now) => new()
    {
        RunId = Guid.CreateVersion7(time.GetUtcNow()).ToString("D"),
        Tid = run.Tid,
        TaskName = run.TaskName,
        ScheduledFor = EpochMilliseconds.From(run.ScheduledFor),
        Status = run.Status.ToText(),
        Reason = run.Reason,
        Attempt = 1,
        Host = run.Host,
        Adhoc = run.Adhoc ? 1 : 0,
        CreatedAt = now,
        FinishedAt = run.Status.IsFinal() ? now : null,
        Version = 1,
    };

    private static DynamicParameters InsertParameters(RunRow row)
    {
        var parameters = new DynamicParameters();
        parameters.Add("runId", row.RunId, DbType.String);
        parameters.Add("tid", row.Tid, DbType.Int64);
        parameters.Add("taskName", row.TaskName, DbType.String);
        parameters.Add("scheduledFor", row.ScheduledFor, DbType.Int64);
        parameters.Add("status", row.Status, DbType.String);
        parameters.Add("reason", row.Reason, DbType.String);
        parameters.Add("host", row.Host, DbType.String);
        parameters.Add("adhoc", row.Adhoc, DbType.Int32);
        parameters.Add("now", row.CreatedAt, DbType.Int64);
        parameters.Add("finishedAt", row.FinishedAt, DbType.Int64);
        return parameters;
    }

    private static Task<int> AppendEventAsync(DbConnection connection, DbTransaction transaction, string runId, int attempt, long at, string actor, RunStatus? from, RunStatus to, string? detail, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("runId", runId, DbType.String);
        parameters.Add("attempt", attempt, DbType.Int32);
        parameters.Add("at", at, DbType.Int64);
        parameters.Add("actor", actor, DbType.String);
        parameters.Add("fromStatus", from?.ToText(), DbType.String);
        parameters.Add("toStatus", to.ToText(), DbType.String);
        parameters.Add("detail", detail, DbType.String);
        return connection.ExecuteAsync(new CommandDefinition(EventSql, parameters, transaction, cancellationToken: cancellationToken));
    }
}
