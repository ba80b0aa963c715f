using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>
/// What every storage contract suite shares: a database per provider, made by the concrete fixture,
/// and the product's own wiring (<c>AddStorage</c>) over it with a fake clock.
/// </summary>
internal abstract class StorageContract
{
    /// <summary>The fake clock's start; milliseconds included so truncation would show.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, 125, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>A new, empty database on the fixture's provider.</summary>
    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    protected ServiceProvider BuildServices(ITestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddStorage(database.Options);
        return services.BuildServiceProvider();
    }

    /// <summary>A database with the schema applied and the product's services over it.</summary>
    protected async Task<(ITestDatabase Database, ServiceProvider Services)> CreateMigratedAsync()
    {
        var database = await CreateDatabaseAsync();
        var services = BuildServices(database);
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        return (database, services);
    }

    protected static async Task DisposeAsync(ITestDatabase? database, ServiceProvider? services)
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
