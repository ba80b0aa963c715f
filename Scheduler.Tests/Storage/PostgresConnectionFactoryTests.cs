using Dapper;
using EasyTask.Scheduler.Storage;
using Npgsql;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>PostgreSQL connections come pooled and keep EasyTask's repeated statements prepared, unless the operator says otherwise.</summary>
[TestFixture]
internal sealed class PostgresConnectionFactoryTests
{
    [Test]
    public void WithDefaults_BoundsPoolAndPreparesStatements_WhenConnectionStringNamesNeither()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.WithDefaults("Host=db;Username=easytask;Database=easytask"));

        Assert.Multiple(() =>
        {
            Assert.That(built.Pooling, Is.True);
            Assert.That(built.MaxPoolSize, Is.EqualTo(PostgresConnectionFactory.DefaultMaxPoolSize));
            Assert.That(built.MaxAutoPrepare, Is.EqualTo(PostgresConnectionFactory.DefaultMaxAutoPrepare));
            Assert.That(built.AutoPrepareMinUsages, Is.EqualTo(PostgresConnectionFactory.DefaultAutoPrepareMinUsages));
            Assert.That(built.NoResetOnClose, Is.True, "EasyTask keeps no session state, so a pooled connection needs no reset");
            Assert.That(built.Host, Is.EqualTo("db"));
        });
    }

    [Test]
    public void WithDefaults_KeepsOperatorsSettings_WhenConnectionStringNamesThem()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.WithDefaults(
            "Host=db;Username=easytask;Maximum Pool Size=7;Max Auto Prepare=0;Auto Prepare Min Usages=9;No Reset On Close=false;Pooling=false"));

        Assert.Multiple(() =>
        {
            Assert.That(built.Pooling, Is.False);
            Assert.That(built.MaxPoolSize, Is.EqualTo(7));
            Assert.That(built.MaxAutoPrepare, Is.Zero, "an operator who turned automatic preparation off keeps it off");
            Assert.That(built.AutoPrepareMinUsages, Is.EqualTo(9));
            Assert.That(built.NoResetOnClose, Is.False);
        });
    }

    [Test]
    [Category("Integration")]
    public async Task OpenAsync_RepeatedStatementIsPreparedOnServer_WhenRunOnPooledConnection()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var factory = new PostgresConnectionFactory(database.Options.ConnectionString);

        for (var i = 0; i < PostgresConnectionFactory.DefaultAutoPrepareMinUsages + 1; i++)
        {
            await using var connection = await factory.OpenAsync(CancellationToken.None);
            await connection.ExecuteScalarAsync<int>("SELECT @n + 1", new { n = i });
        }

        await using var probe = await factory.OpenAsync(CancellationToken.None);
        var prepared = await probe.QueryAsync<string>("SELECT statement FROM pg_prepared_statements");

        Assert.That(prepared, Has.Some.Contains("+ 1"), "the statement run again and again on the pooled connection is planned once, server side");
    }
}
