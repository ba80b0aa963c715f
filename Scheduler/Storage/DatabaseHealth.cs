using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Opens a connection and runs <c>SELECT 1</c>. Also an ASP.NET Core health check, so the API can map
/// it to a readiness endpoint with <c>AddHealthChecks().AddCheck&lt;DatabaseHealth&gt;("database")</c>.
/// </summary>
internal sealed class DatabaseHealth(IDbConnectionFactory connections, DatabaseOptions options) : IDatabaseHealth, IHealthCheck
{
    // A readiness probe that hangs is worse than one that fails: the caller's timeout may be short.
    private const int QueryTimeoutSeconds = 5;

    public async Task<DatabaseHealthResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            // A pooled SQLite connection keeps answering from a file that was deleted under it, so ask the disk too.
            if (connection is Microsoft.Data.Sqlite.SqliteConnection { DataSource: { Length: > 0 } file } && !File.Exists(file))
            {
                return new DatabaseHealthResult(false, $"{options.Describe()} cannot be reached: the database file {file} is gone");
            }

            var answer = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition("SELECT 1", commandTimeout: QueryTimeoutSeconds, cancellationToken: cancellationToken));
            return answer == 1
                ? new DatabaseHealthResult(true, $"{options.Summary()} answers")
                : new DatabaseHealthResult(false, $"{options.Summary()} answered SELECT 1 with {answer}");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            return new DatabaseHealthResult(false, $"{options.Summary()} cannot be reached: {ex.Message}");
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await CheckAsync(cancellationToken);
        return result.IsHealthy ? HealthCheckResult.Healthy(result.Description) : HealthCheckResult.Unhealthy(result.Description);
    }
}
