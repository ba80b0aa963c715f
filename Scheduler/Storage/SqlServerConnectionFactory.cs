using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace EasyTask.Scheduler.Storage;

/// <summary>Connections to SQL Server; pooling is the driver's, keyed by the connection string.</summary>
internal sealed class SqlServerConnectionFactory(string connectionString) : IDbConnectionFactory
{
    public ISqlDialect Dialect { get; } = new SqlServerDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
