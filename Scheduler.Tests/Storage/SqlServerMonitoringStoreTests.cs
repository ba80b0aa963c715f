namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The monitoring store contract on the SQL Server named by EASYTASK_TEST_SQLSERVER; ignored without it.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class SqlServerMonitoringStoreTests : MonitoringStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqlServerTestDatabase.CreateAsync();
}
