using System.Data.Common;
using Npgsql;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Connections to PostgreSQL from one pooled data source (Npgsql pools by default; an operator's <c>Pooling=false</c> is kept),
/// with automatic preparation of repeated statements, disposed with the service provider.
/// </summary>
internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The pool size when the connection string names none. Npgsql's own default (100) is more than a stock
    /// PostgreSQL accepts (max_connections 100, some reserved), so a burst of API requests failed with
    /// "too many clients" instead of waiting for a pooled connection.
    /// </summary>
    public const int DefaultMaxPoolSize = 40;

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(WithDefaults(connectionString));

    public ISqlDialect Dialect { get; } = new PostgresDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();

    /// <summary>
    /// Statements kept prepared per pooled connection when the connection string names no <c>Max Auto Prepare</c>.
    /// EasyTask's statements are a few dozen fixed texts run over and over (a run's row, its events, the slot
    /// queue's scan), so PostgreSQL then plans each once per connection instead of on every execution.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Executions of a text on one connection before it is prepared, when the connection string names none.</summary>
    public const int DefaultAutoPrepareMinUsages = 2;

    /// <summary>
    /// The operator's connection string with EasyTask's defaults for what it leaves out: pool size, automatic preparation,
    /// and no session reset when a connection goes back to the pool. EasyTask never changes session state (no <c>SET</c>,
    /// <c>LISTEN</c>, temporary tables or session-level advisory locks; the migration lock is transaction-scoped), so the
    /// reset, seven statements the server ran on every connection's next use (<c>RESET ALL</c>, <c>UNLISTEN *</c>, …),
    /// had nothing to undo: with pg_stat_statements they were a third of the statements per run.
    /// </summary>
    internal static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "pool size", "maxpoolsize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!Names(connectionString, "max auto prepare", "maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Names(connectionString, "auto prepare min usages", "autoprepareminusages"))
        {
            builder.AutoPrepareMinUsages = DefaultAutoPrepareMinUsages;
        }

        if (!Names(connectionString, "no reset on close", "noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Names(string connectionString, params string[] keys) =>
        keys.Any(key => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase));
}
