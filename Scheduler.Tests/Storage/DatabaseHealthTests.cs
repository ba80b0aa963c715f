using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The readiness probe, as the API will call it.</summary>
[TestFixture]
internal sealed class DatabaseHealthTests
{
    [Test]
    public async Task CheckAsync_ReportsHealthy_WhenDatabaseAnswers()
    {
        await using var database = new SqliteTestDatabase();
        await using var services = new ServiceCollection().AddStorage(database.Options).BuildServiceProvider();

        var result = await services.GetRequiredService<IDatabaseHealth>().CheckAsync(CancellationToken.None);

        Assert.That(result.IsHealthy, Is.True, result.Description);
        Assert.That(result.Description, Does.StartWith("sqlite:"));
    }

    [Test]
    public async Task CheckAsync_ReportsUnhealthyWithoutPassword_WhenServerIsUnreachable()
    {
        // Port 1 on the loopback interface: nothing listens there, so the connection is refused at once.
        var options = DatabaseOptions.Parse("postgres:Host=127.0.0.1;Port=1;Username=easytask;Password=s3cret;Timeout=3");
        await using var services = new ServiceCollection().AddStorage(options).BuildServiceProvider();

        var result = await services.GetRequiredService<IDatabaseHealth>().CheckAsync(CancellationToken.None);

        Assert.That(result.IsHealthy, Is.False);
        Assert.That(result.Description, Does.StartWith("postgres:").And.Contain("cannot be reached").And.Not.Contain("s3cret"));
    }
}
