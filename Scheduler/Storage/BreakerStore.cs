using System.Data;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Circuit breakers in <c>host_breakers</c> over Dapper.</summary>
internal sealed class BreakerStore(IDbConnectionFactory connections, TimeProvider time) : IBreakerStore
{
    private static readonly string[] Columns = ["host", "failures", "opened_at", "probe_run_id", "probe_at", "updated_at"];

    private const string AllSql =
        "SELECT host AS Host, failures AS Failures, opened_at AS OpenedAt, probe_run_id AS ProbeRunId, probe_at AS ProbeAt FROM host_breakers";

    private const string DeleteSql = "DELETE FROM host_breakers WHERE host = @host";

    private readonly string upsertSql = connections.Dialect.Upsert(
        "host_breakers", "host", Columns,
        "failures = @failures, opened_at = @opened_at, probe_run_id = @probe_run_id, probe_at = @probe_at, updated_at = @updated_at");

    public async Task<IReadOnlyList<HostBreaker>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HostBreakerRow>(new CommandDefinition(AllSql, cancellationToken: cancellationToken));
        return rows.Select(r => new HostBreaker(
            r.Host,
            (int)r.Failures,
            r.OpenedAt is { } opened ? EpochMilliseconds.ToInstant(opened) : null,
            r.ProbeRunId,
            r.ProbeAt is { } probe ? EpochMilliseconds.ToInstant(probe) : null)).ToList();
    }

    public async Task SaveAsync(HostBreaker breaker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        var parameters = new DynamicParameters();
        parameters.Add("host", breaker.Host, DbType.String);
        parameters.Add("failures", breaker.Failures, DbType.Int32);
        parameters.Add("opened_at", breaker.OpenedAt is { } opened ? EpochMilliseconds.From(opened) : null, DbType.Int64);
        parameters.Add("probe_run_id", breaker.ProbeRunId, DbType.String);
        parameters.Add("probe_at", breaker.ProbeAt is { } probe ? EpochMilliseconds.From(probe) : null, DbType.Int64);
        parameters.Add("updated_at", EpochMilliseconds.Now(time), DbType.Int64);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(upsertSql, parameters, cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(string host, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { host }, cancellationToken: cancellationToken));
    }
}
