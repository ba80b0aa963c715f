using System.Data;
using System.Text;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>The run store's statements that depend on the dialect or the caller's input, built in one place so tests can parse them.</summary>
internal sealed partial class RunStore
{
    private const string Unfinished = "('ACTIVE', 'TRIGGER', 'STARTED', 'RUNNING')";
    private const string Final = "('SUCCESS', 'FAILED', 'TERMINATED')";

    private const string LastScheduledSql = "SELECT tid, MAX(scheduled_for) FROM runs WHERE manual = 0 GROUP BY tid";

    internal static string LatestSql(ISqlDialect dialect) =>
        $"SELECT {RunRow.Columns} FROM runs WHERE task_name = @taskName ORDER BY scheduled_for DESC {dialect.Page("offset", "limit")}";

    internal static string LatestFinishedSql(ISqlDialect dialect) =>
        $"SELECT {RunRow.Columns} FROM runs WHERE task_name = @taskName AND status IN {Final} AND finished_at > @after " +
        $"AND (reason IS NULL OR reason <> '{RunReason.Skipped}') ORDER BY finished_at DESC {dialect.Page("offset", "limit")}";

    internal static string PreviousSql(ISqlDialect dialect) =>
        $"SELECT {RunRow.Columns} FROM runs WHERE tid = @tid AND scheduled_for < @before ORDER BY scheduled_for DESC {dialect.Page("offset", "limit")}";

    /// <summary>Non-final runs of <paramref name="count"/> tasks, parameters <c>@tid0</c>…, oldest scheduled first.</summary>
    internal static string UnfinishedSql(int count) =>
        $"SELECT {RunRow.Columns} FROM runs WHERE tid IN ({string.Join(", ", Enumerable.Range(0, count).Select(i => $"@tid{i}"))}) " +
        $"AND status IN {Unfinished} ORDER BY scheduled_for";

    internal static (string Sql, DynamicParameters Parameters) ListCommand(ISqlDialect dialect, RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT ").Append(RunRow.Columns).Append(" FROM runs WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (query.TaskName is not null)
        {
            sql.Append(" AND task_name = @taskName");
            parameters.Add("taskName", query.TaskName, DbType.String);
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            // Status names come from the enum, never from the caller's text, so inlining them is safe.
            sql.Append(" AND status IN (").Append(string.Join(", ", statuses.Select(s => $"'{s.ToText()}'"))).Append(')');
        }

        if (query.Host is not null)
        {
            sql.Append(" AND host = @host");
            parameters.Add("host", query.Host, DbType.String);
        }

        if (query.ScheduledSince is { } since)
        {
            sql.Append(" AND scheduled_for >= @since");
            parameters.Add("since", EpochMilliseconds.From(since), DbType.Int64);
        }

        if (query.RetryDueBy is { } dueBy)
        {
            sql.Append(" AND not_before IS NOT NULL AND not_before <= @dueBy");
            parameters.Add("dueBy", EpochMilliseconds.From(dueBy), DbType.Int64);
        }

        if (query.After is { } after)
        {
            // Keyset paging: (scheduled_for, run_id) strictly after the last row seen.
            sql.Append(" AND (scheduled_for > @afterAt OR (scheduled_for = @afterAt AND run_id > @afterId))");
            parameters.Add("afterAt", EpochMilliseconds.From(after.ScheduledFor), DbType.Int64);
            parameters.Add("afterId", after.RunId, DbType.String);
        }

        sql.Append(query.OldestFirst ? " ORDER BY scheduled_for, run_id " : " ORDER BY scheduled_for DESC, run_id DESC ").Append(dialect.Page("offset", "limit"));
        parameters.Add("offset", 0, DbType.Int32);
        parameters.Add("limit", Math.Clamp(query.Limit, 1, 100_000), DbType.Int32);
        return (sql.ToString(), parameters);
    }
}
