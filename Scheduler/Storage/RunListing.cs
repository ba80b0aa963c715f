using System.Data;
using System.Text;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>Server-side paging, filtering and counting of runs for the console's Task Runs page.</summary>
internal sealed class RunListing(IDbConnectionFactory connections)
{
    /// <summary>Past this many task names matching a search, the search reads every run's name instead (it matches most of them anyway).</summary>
    internal const int MaxNamesInList = 500;

    public async Task<RunPage> PageAsync(RunPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        IReadOnlyList<string>? names = null;
        if (!string.IsNullOrWhiteSpace(query.NameContains))
        {
            // A search inside names cannot use a b-tree index: find the few distinct names that match (one index seek
            // per name), then read their runs through the (task_name, scheduled_for) index.
            var needle = query.NameContains.Trim();
            names = (await DistinctNamesAsync(connection, cancellationToken)).Where(n => n.Contains(needle, StringComparison.OrdinalIgnoreCase)).ToList();
            if (names.Count == 0)
            {
                return new RunPage([], 0);
            }

            names = names.Count <= MaxNamesInList ? names : null;
        }

        var (where, parameters) = Where(query, names);
        var select = $"SELECT {RunRow.Columns} FROM runs{where} ORDER BY scheduled_for DESC, run_id DESC {connections.Dialect.Page("offset", "limit")}";
        parameters.Add("offset", Math.Max(0, query.Offset), DbType.Int32);
        parameters.Add("limit", Math.Clamp(query.Limit, 1, 1000), DbType.Int32);
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

    /// <summary>
    /// Every task name that has runs, walking the (task_name, scheduled_for) index one name at a time (a loose index
    /// scan): a few hundred seeks rather than reading every run. SQL Server spells the recursive query without RECURSIVE
    /// and stops at 100 levels unless told otherwise.
    /// </summary>
    private async Task<IReadOnlyList<string>> DistinctNamesAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlServer = connections.Dialect.Provider == DatabaseProvider.SqlServer;
        var sql = $"{(sqlServer ? "WITH" : "WITH RECURSIVE")} names(n) AS (SELECT MIN(task_name) FROM runs UNION ALL " +
                  "SELECT (SELECT MIN(task_name) FROM runs WHERE task_name > names.n) FROM names WHERE names.n IS NOT NULL) " +
                  $"SELECT n FROM names WHERE n IS NOT NULL{(sqlServer ? " OPTION (MAXRECURSION 0)" : "")}";
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToList();
    }

    internal static (string Where, DynamicParameters Parameters) Where(RunPageQuery query, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder(" WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (names is { Count: > 0 })
        {
            sql.Append(" AND task_name IN (").Append(SqlLists.NumberedParameters("name", names.Count)).Append(')');
            for (var i = 0; i < names.Count; i++)
            {
                parameters.Add($"name{i}", names[i], DbType.String);
            }
        }
        else if (!string.IsNullOrWhiteSpace(query.NameContains))
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
