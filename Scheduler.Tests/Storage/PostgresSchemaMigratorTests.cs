namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The SchemaMigrator contract on the PostgreSQL server the test run starts.</summary>
[TestFixture]
[Category("Integration")]
internal sealed class PostgresSchemaMigratorTests : SchemaMigratorContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
