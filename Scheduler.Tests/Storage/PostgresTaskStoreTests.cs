namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The TaskStore contract on the PostgreSQL server the test run starts.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class PostgresTaskStoreTests : TaskStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
