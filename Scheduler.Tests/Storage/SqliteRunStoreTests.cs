namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The RunStore contract on a SQLite file.</summary>
[TestFixture]
internal sealed class SqliteRunStoreTests : RunStoreContract
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
