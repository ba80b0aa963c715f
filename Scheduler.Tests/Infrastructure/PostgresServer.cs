using Npgsql;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, started on first use and stopped by <see cref="TestRunTeardown"/>.
/// With <c>EASYTASK_TEST_POSTGRES</c> set to a connection string, that server is used instead and left running.
/// Each caller gets its own database, so fixtures never see each other's rows.
/// A server that cannot be started makes every test that asks for it fail with the reason: never a skip.
/// </summary>
internal sealed partial class PostgresServer
{
    /// <summary>Environment variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "EASYTASK_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? dataDirectory;
    private readonly string? binDirectory;
    private readonly bool asPostgresUser;
    private int stopped;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        this.dataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        this.asPostgresUser = asPostgresUser;
    }

    /// <summary>Connects to the server's maintenance database as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The run's server, started on first call; throws the start failure to every caller.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Stops the server this run started, if any, and deletes its files.</summary>
    public static async Task StopAsync()
    {
        if (!Shared.IsValueCreated)
        {
            return;
        }

        // A server that never started has nothing to stop; its failure was reported by the tests that needed it.
        var startup = Shared.Value;
        await ((Task)startup).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!startup.IsCompletedSuccessfully)
        {
            return;
        }

        var server = startup.Result;
        await server.StopServerAsync();
    }

    /// <summary>Creates an empty database with a unique name; returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"easytask_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
