using System.Data;
using Dapper;
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

    // Every parameter is typed: PostgreSQL cannot infer the type of a bare NULL inside COALESCE otherwise.
    internal static DynamicParameters TransitionParameters(RunChange change)
    {
        var parameters = new DynamicParameters();
        parameters.Add("runId", change.RunId, DbType.String);
        parameters.Add("expected", change.ExpectedVersion, DbType.Int64);
        parameters.Add("from", change.From.ToText(), DbType.String);
        parameters.Add("to", change.To.ToText(), DbType.String);
        parameters.Add("reason", change.Reason, DbType.String);
        parameters.Add("returnCode", change.ReturnCode, DbType.Int32);
        parameters.Add("attempt", change.Attempt, DbType.Int32);
        parameters.Add("host", change.Host, DbType.String);
        parameters.Add("startedAt", change.StartedAt is { } started ? EpochMilliseconds.From(started) : null, DbType.Int64);
        parameters.Add("finishedAt", change.FinishedAt is { } finished ? EpochMilliseconds.From(finished) : null, DbType.Int64);
        parameters.Add("notBefore", change.NotBefore is { } notBefore ? EpochMilliseconds.From(notBefore) : null, DbType.Int64);
        return parameters;
    }
}
