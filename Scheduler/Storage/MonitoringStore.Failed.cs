using System.Data;
using System.Text;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

internal sealed partial class MonitoringStore
{
    private static readonly string[] FailedColumns =
        ["run_id", "tid", "task_name", "host", "status", "reason", "error_class", "return_code", "attempts", "detail", "failed_at", "dismissed_at", "dismissed_by"];

    private const string FindFailedSql = "SELECT " + FailedRunRow.Columns + " FROM failed_runs WHERE run_id = @runId";

    private const string DismissSql = "UPDATE failed_runs SET dismissed_at = @at, dismissed_by = @by WHERE run_id = @runId";

    private const string RemoveFailedSql = "DELETE FROM failed_runs WHERE run_id = @runId";

    public Task AddFailedAsync(FailedRun entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sql = connections.Dialect.Upsert("failed_runs", "run_id", FailedColumns,
            "status = @status, reason = @reason, error_class = @error_class, return_code = @return_code, attempts = @attempts, " +
            "detail = @detail, failed_at = @failed_at, dismissed_at = NULL, dismissed_by = NULL");
        var parameters = new DynamicParameters();
        parameters.Add("run_id", entry.RunId, DbType.String);
        parameters.Add("tid", entry.Tid, DbType.Int64);
        parameters.Add("task_name", entry.TaskName, DbType.String);
        parameters.Add("host", entry.Host, DbType.String);
        parameters.Add("status", entry.Status, DbType.String);
        parameters.Add("reason", entry.Reason, DbType.String);
        parameters.Add("error_class", entry.ErrorClass, DbType.String);
        parameters.Add("return_code", entry.ReturnCode, DbType.Int32);
        parameters.Add("attempts", entry.Attempts, DbType.Int32);
        parameters.Add("detail", entry.Detail, DbType.String);
        parameters.Add("failed_at", EpochMilliseconds.From(entry.FailedAt), DbType.Int64);
        parameters.Add("dismissed_at", null, DbType.Int64);
        parameters.Add("dismissed_by", null, DbType.String);
        return WriteAsync(new MonitoringCommand(entry.RunId, sql, parameters, Timeline: false), cancellationToken);
    }

    public async Task<IReadOnlyList<FailedRun>> FailedAsync(FailedRunQuery query, CancellationToken cancellationToken)
    {
        var (sql, parameters) = FailedCommand(connections.Dialect, query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FailedRunRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToFailedRun()).ToList();
    }

    internal static (string Sql, DynamicParameters Parameters) FailedCommand(ISqlDialect dialect, FailedRunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT ").Append(FailedRunRow.Columns).Append(" FROM failed_runs WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (!query.IncludeDismissed)
        {
            sql.Append(" AND dismissed_at IS NULL");
        }

        if (query.Task is not null)
        {
            sql.Append(" AND task_name = @task");
            parameters.Add("task", query.Task, DbType.String);
        }

        if (query.Host is not null)
        {
            sql.Append(" AND host = @host");
            parameters.Add("host", query.Host, DbType.String);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND failed_at >= @since");
            parameters.Add("since", EpochMilliseconds.From(since), DbType.Int64);
        }

        sql.Append(" ORDER BY failed_at DESC, run_id DESC ").Append(dialect.Page("offset", "limit"));
        parameters.Add("offset", 0, DbType.Int32);
        parameters.Add("limit", Math.Clamp(query.Limit, 1, 10_000), DbType.Int32);
        return (sql.ToString(), parameters);
    }

    public async Task<FailedRun?> FindFailedAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FailedRunRow>(new CommandDefinition(FindFailedSql, new { runId }, cancellationToken: cancellationToken));
        return row?.ToFailedRun();
    }

    public async Task<bool> DismissAsync(string runId, string by, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            DismissSql, new { runId, by, at = EpochMilliseconds.Now(time) }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    public async Task RemoveFailedAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RemoveFailedSql, new { runId }, cancellationToken: cancellationToken));
    }
}
