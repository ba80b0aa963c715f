namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The monitoring store contract on SQLite.</summary>
[TestFixture]
internal sealed class SqliteMonitoringStoreTests : MonitoringStoreContract
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
