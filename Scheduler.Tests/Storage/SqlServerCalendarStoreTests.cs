namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The CalendarStore contract on the SQL Server named by EASYTASK_TEST_SQLSERVER; ignored without it.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class SqlServerCalendarStoreTests : CalendarStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqlServerTestDatabase.CreateAsync();
}
