using Dapper;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The embedded default must work on a bare machine and let readers work while the scheduler writes.</summary>
[TestFixture]
internal sealed class SqliteConnectionFactoryTests
{
    [Test]
    public async Task OpenAsync_CreatesFolderAndUsesWalWithBusyTimeout_WhenFileIsNew()
    {
        await using var database = new SqliteTestDatabase();
        var factory = new SqliteConnectionFactory(database.Options.ConnectionString);

        await using (var first = await factory.OpenAsync(CancellationToken.None))
        {
            await first.ExecuteAsync("CREATE TABLE probe (id INTEGER)");
        }

        await using var second = await factory.OpenAsync(CancellationToken.None);
        var journalMode = await second.ExecuteScalarAsync<string>("PRAGMA journal_mode");
        var busyTimeout = await second.ExecuteScalarAsync<long>("PRAGMA busy_timeout");

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(database.Options.ConnectionString), Is.True);
            Assert.That(journalMode, Is.EqualTo("wal"));
            Assert.That(busyTimeout, Is.GreaterThanOrEqualTo(1000), "a second writer waits instead of failing with SQLITE_BUSY");
        });
    }
}
