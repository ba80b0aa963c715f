namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The RunStore contract on the PostgreSQL server the test run starts.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class PostgresRunStoreTests : RunStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
