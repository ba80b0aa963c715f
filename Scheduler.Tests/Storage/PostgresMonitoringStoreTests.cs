namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The monitoring store contract on the PostgreSQL server the test run starts.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class PostgresMonitoringStoreTests : MonitoringStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
