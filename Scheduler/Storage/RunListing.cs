using System.Data;
using System.Text;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>Server-side paging, filtering and counting of runs for the console's Task Runs page.</summary>
internal sealed class RunListing(IDbConnectionFactory connections)
{
    public async Task<RunPage> PageAsync(RunPageQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(query);
        var select = $"SELECT {RunRow.Columns} FROM runs{where} ORDER BY scheduled_for DESC, run_id DESC {connections.Dialect.Page("offset", "limit")}";
        parameters.Add("offset", Math.Max(0, query.Offset), DbType.Int32);
        parameters.Add("limit", Math.Clamp(query.Limit, 1, 1000), DbType.Int32);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(select, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM runs{where}", parameters, cancellationToken: cancellationToken));
        return new RunPage(rows.Select(r => r.ToRecord()).ToList(), total);
    }

    /// <summary>Each task's most recent run by scheduled time (one query).</summary>
    public async Task<IReadOnlyDictionary<long, RunRecord>> LatestPerTaskAsync(CancellationToken cancellationToken)
    {
        // The subquery walks the (tid, scheduled_for) index once; its columns are renamed so RunRow's stay unambiguous.
        const string Sql = "SELECT " + RunRow.Columns + " FROM runs JOIN (SELECT tid AS latest_tid, MAX(scheduled_for) AS latest_at FROM runs WHERE tid <> 0 GROUP BY tid) latest " +
                           "ON latest.latest_tid = runs.tid AND latest.latest_at = runs.scheduled_for";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        var latest = new Dictionary<long, RunRecord>();
        foreach (var run in rows.Select(r => r.ToRecord()))
        {
            latest[run.Tid] = run;
        }

        return latest;
    }

    internal static (string Where, DynamicParameters Parameters) Where(RunPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder(" WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(query.NameContains))
        {
            // LOWER on both sides: LIKE is case-sensitive on PostgreSQL, not on SQLite; the pattern's own % and _ are escaped.
            var escaped = query.NameContains.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            sql.Append(" AND LOWER(task_name) LIKE @name ESCAPE '\\'");
            parameters.Add("name", $"%{escaped}%", DbType.String);
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            // Status names come from the enum, never from the caller's text, so inlining them is safe.
            sql.Append(" AND status IN (").Append(string.Join(", ", statuses.Select(s => $"'{s.ToText()}'"))).Append(')');
        }

        if (query.ScheduledSince is { } since)
        {
            sql.Append(" AND scheduled_for >= @since");
            parameters.Add("since", EpochMilliseconds.From(since), DbType.Int64);
        }

        if (query.Adhoc is { } adhoc)
        {
            sql.Append(" AND adhoc = @adhoc");
            parameters.Add("adhoc", adhoc ? 1 : 0, DbType.Int32);
        }

        if (!string.IsNullOrWhiteSpace(query.Host))
        {
            sql.Append(" AND host = @host");
            parameters.Add("host", query.Host, DbType.String);
        }

        return (sql.ToString(), parameters);
    }
}
