using System.Data;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    private const string AttemptsSql =
        "SELECT run_id AS RunId, attempt AS Attempt, status AS Status, reason AS Reason, return_code AS ReturnCode, host AS Host, " +
        "started_at AS StartedAt, finished_at AS FinishedAt FROM run_attempts WHERE run_id = @runId ORDER BY attempt";

    private const string InsertAttemptSql =
        "INSERT INTO run_attempts (run_id, attempt, status, reason, return_code, host, started_at, finished_at) " +
        "VALUES (@runId, @attempt, @status, @reason, @returnCode, @host, @startedAt, @finishedAt)";

    public async Task RecordAttemptAsync(RunAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var parameters = new DynamicParameters();
        parameters.Add("runId", attempt.RunId, DbType.String);
        parameters.Add("attempt", attempt.Attempt, DbType.Int32);
        parameters.Add("status", attempt.Status.ToText(), DbType.String);
        parameters.Add("reason", attempt.Reason, DbType.String);
        parameters.Add("returnCode", attempt.ReturnCode, DbType.Int32);
        parameters.Add("host", attempt.Host, DbType.String);
        parameters.Add("startedAt", attempt.StartedAt is { } s ? EpochMilliseconds.From(s) : null, DbType.Int64);
        parameters.Add("finishedAt", attempt.FinishedAt is { } f ? EpochMilliseconds.From(f) : null, DbType.Int64);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertAttemptSql, parameters, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException ex) when (connections.Dialect.IsUniqueViolation(ex))
        {
            // The attempt's end was already recorded (a redelivered result): the first record stands.
        }
    }

    public async Task<IReadOnlyList<RunAttempt>> AttemptsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunAttemptRow>(new CommandDefinition(AttemptsSql, new { runId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAttempt()).ToList();
    }
}
