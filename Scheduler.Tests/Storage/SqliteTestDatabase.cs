using EasyTask.Scheduler.Storage;
using Microsoft.Data.Sqlite;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>A SQLite file in a folder that does not exist yet, so every fixture also proves the folder is created.</summary>
internal sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"easytask-sqlite-{Guid.NewGuid():N}");

    public SqliteTestDatabase() =>
        Options = new DatabaseOptions(DatabaseProvider.Sqlite, Path.Combine(folder, "data", "easytask.db"));

    public DatabaseOptions Options { get; }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
