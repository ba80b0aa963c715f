namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The SchemaMigrator contract on a SQLite file.</summary>
[TestFixture]
internal sealed class SqliteSchemaMigratorTests : SchemaMigratorContract
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
