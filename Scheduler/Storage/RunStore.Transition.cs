using System.Data;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    // The guard lives in the SQL: only a run still at the expected status and version moves.
    // A change that sets the attempt starts a new one: what the previous attempt left (reason, return code,
    // start and finish times) is cleared rather than kept, so a retry never shows "RUNNING agent_lost 143".
    internal const string TransitionSql =
        "UPDATE runs SET status = @to, version = version + 1, " +
        "reason = CASE WHEN @attempt IS NULL THEN COALESCE(@reason, reason) ELSE @reason END, " +
        "return_code = CASE WHEN @attempt IS NULL THEN COALESCE(@returnCode, return_code) ELSE @returnCode END, " +
        "attempt = COALESCE(@attempt, attempt), host = COALESCE(@host, host), " +
        "started_at = CASE WHEN @attempt IS NULL THEN COALESCE(@startedAt, started_at) ELSE @startedAt END, " +
        "finished_at = CASE WHEN @attempt IS NULL THEN COALESCE(@finishedAt, finished_at) ELSE @finishedAt END, " +
        "not_before = @notBefore " +
        "WHERE run_id = @runId AND status = @from AND version = @expected";

    /// <summary>
    /// <see cref="TransitionSql"/> answering the moved row (none when the guard refused): on PostgreSQL this saves the
    /// read-back's round trip and statement. SQLite keeps the read-back (RETURNING measured slower through
    /// Microsoft.Data.Sqlite) and SQL Server its own path.
    /// </summary>
    internal const string PostgresTransitionReturningSql = TransitionSql + " RETURNING " + RunRow.Columns;

    // Every parameter is typed: PostgreSQL cannot infer the type of a bare NULL inside COALESCE otherwise.
    internal static readonly (string Name, DbType Type)[] TransitionParameterTypes =
    [
        ("runId", DbType.String), ("expected", DbType.Int64), ("from", DbType.String), ("to", DbType.String), ("reason", DbType.String),
        ("returnCode", DbType.Int32), ("attempt", DbType.Int32), ("host", DbType.String), ("startedAt", DbType.Int64), ("finishedAt", DbType.Int64),
        ("notBefore", DbType.Int64),
    ];

    /// <summary><paramref name="change"/>'s values in the order of <see cref="TransitionParameterTypes"/>.</summary>
    internal static object?[] TransitionValues(RunChange change) =>
    [
        change.RunId, change.ExpectedVersion, change.From.ToText(), change.To.ToText(), change.Reason, change.ReturnCode, change.Attempt, change.Host,
        change.StartedAt is { } started ? EpochMilliseconds.From(started) : null,
        change.FinishedAt is { } finished ? EpochMilliseconds.From(finished) : null,
        change.NotBefore is { } notBefore ? EpochMilliseconds.From(notBefore) : null,
    ];
}
