using System.Data;
using System.Data.Common;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>Runs and their event timelines over Dapper. Each write is one transaction: the run row and its event, or nothing.</summary>
internal sealed partial class RunStore(IDbConnectionFactory connections, TimeProvider time, RunEventSignal? signal = null) : IRunStore
{
    private const string FindByKeySql = "SELECT " + RunRow.Columns + " FROM runs WHERE tid = @tid AND scheduled_for = @scheduledFor AND manual = 0";

    internal const string FindSql = "SELECT " + RunRow.Columns + " FROM runs WHERE run_id = @runId";

    internal static readonly (string Name, DbType Type)[] FindParameters = [("runId", DbType.String)];

    private const string InsertSql =
        "INSERT INTO runs (run_id, tid, task_name, scheduled_for, status, reason, attempt, host, adhoc, created_at, finished_at, version, manual) " +
        "VALUES (@runId, @tid, @taskName, @scheduledFor, @status, @reason, 1, @host, @adhoc, @now, @finishedAt, 1, @manual)";

    internal const string EventSql =
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
}
