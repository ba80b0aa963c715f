using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>A fresh database on the test run's PostgreSQL server.</summary>
internal sealed class PostgresTestDatabase : ITestDatabase
{
    private readonly PostgresServer server;

    private PostgresTestDatabase(PostgresServer server, string connectionString)
    {
        this.server = server;
        Options = new DatabaseOptions(DatabaseProvider.Postgres, connectionString);
    }

    public DatabaseOptions Options { get; }

    /// <summary>Starts the run's server on first use; a server that cannot start throws, failing the caller.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetAsync();
        return new PostgresTestDatabase(server, await server.CreateDatabaseAsync());
    }

    // WITH (FORCE) in the drop closes whatever connections are still open, pooled or not.
    public async ValueTask DisposeAsync() => await server.DropDatabaseAsync(Options.ConnectionString);
}
