using System.Data.Common;
using Npgsql;

namespace EasyTask.Scheduler.Storage;

/// <summary>Connections to PostgreSQL from one pooled data source, disposed with the service provider.</summary>
internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The pool size when the connection string names none. Npgsql's own default (100) is more than a stock
    /// PostgreSQL accepts (max_connections 100, some reserved), so a burst of API requests failed with
    /// "too many clients" instead of waiting for a pooled connection.
    /// </summary>
    public const int DefaultMaxPoolSize = 40;

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(WithPoolDefault(connectionString));

    public ISqlDialect Dialect { get; } = new PostgresDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();

    private static string WithPoolDefault(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("maxpoolsize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }
}
