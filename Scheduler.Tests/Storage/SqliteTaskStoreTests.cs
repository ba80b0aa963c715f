namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The TaskStore contract on a SQLite file.</summary>
[TestFixture]
internal sealed class SqliteTaskStoreTests : TaskStoreContract
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
