using System.Data.Common;
using Npgsql;

namespace EasyTask.Scheduler.Storage;

/// <summary>Connections to PostgreSQL from one pooled data source, disposed with the service provider.</summary>
internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public ISqlDialect Dialect { get; } = new PostgresDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}
