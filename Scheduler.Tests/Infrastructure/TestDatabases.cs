namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>Database settings (the <c>EASYTASK_DB</c> form) for tests that run against every provider.</summary>
internal static class TestDatabases
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>A fresh, empty database of the named provider.</summary>
    public static async Task<string> CreateAsync(string provider)
    {
        switch (provider)
        {
            case Sqlite:
                var folder = Directory.CreateTempSubdirectory("easytask-test-");
                return $"sqlite:{Path.Combine(folder.FullName, "easytask.db")}";
            case Postgres:
                var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
                return $"postgres:{connectionString}";
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown test database provider");
        }
    }
}
