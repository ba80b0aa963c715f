namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The CalendarStore contract on a SQLite file.</summary>
[TestFixture]
internal sealed class SqliteCalendarStoreTests : CalendarStoreContract
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
