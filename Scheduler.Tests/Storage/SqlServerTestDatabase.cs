using EasyTask.Scheduler.Storage;
using Microsoft.Data.SqlClient;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>A fresh database on the SQL Server named by <c>EASYTASK_TEST_SQLSERVER</c>; without it the caller is ignored.</summary>
internal sealed class SqlServerTestDatabase : ITestDatabase
{
    /// <summary>Environment variable holding a connection string to a server where the tests may create databases.</summary>
    public const string ServerVariable = "EASYTASK_TEST_SQLSERVER";

    private readonly string serverConnectionString;
    private readonly string name;

    private SqlServerTestDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        var database = new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = name };
        Options = new DatabaseOptions(DatabaseProvider.SqlServer, database.ConnectionString);
    }

    public DatabaseOptions Options { get; }

    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Ignore($"SQL Server is not available here: set {ServerVariable} to a connection string of a server where the tests may CREATE DATABASE to run these.");
        }

        var name = $"easytask_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server!, $"CREATE DATABASE [{name}]");
        return new SqlServerTestDatabase(server!, name);
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await ExecuteAsync(serverConnectionString, $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
