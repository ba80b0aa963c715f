namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The CalendarStore contract on the PostgreSQL server the test run starts.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class PostgresCalendarStoreTests : CalendarStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
