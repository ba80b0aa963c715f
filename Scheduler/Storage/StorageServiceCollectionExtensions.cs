using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EasyTask.Scheduler.Storage;

/// <summary>Wires the storage feature: connections and dialect for the configured database, schema migrator, stores, health probe.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers storage for <paramref name="options"/> (parse <c>EASYTASK_DB</c> with <see cref="DatabaseOptions.Parse"/>).
    /// Nothing touches the database until a store or the migrator is used; the schema is brought up to
    /// date by calling <c>SchemaMigrator.MigrateAsync</c>, which the host does at start.
    /// Adds <see cref="TimeProvider.System"/> unless a clock is registered already.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(options);
        services.AddSingleton<IDbConnectionFactory>(_ => options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnectionFactory(options.ConnectionString),
            DatabaseProvider.Postgres => new PostgresConnectionFactory(options.ConnectionString),
            DatabaseProvider.SqlServer => new SqlServerConnectionFactory(options.ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "unknown database provider"),
        });
        services.AddSingleton(provider => provider.GetRequiredService<IDbConnectionFactory>().Dialect);
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<ITaskStore, TaskStore>();
        services.AddSingleton<IDefinitionSetStore>(provider => (TaskStore)provider.GetRequiredService<ITaskStore>());
        services.AddSingleton<ICalendarStore, CalendarStore>();
        services.AddSingleton<IRunStore, RunStore>();
        services.AddSingleton<IAgentStore, AgentStore>();
        services.AddSingleton<IOutputStore, OutputStore>();
        services.AddSingleton<IAdhocCommandStore, AdhocCommandStore>();
        services.AddSingleton<IMonitoringStore, MonitoringStore>();
        services.AddSingleton<IAlertStore, AlertStore>();
        services.AddSingleton<IBreakerStore, BreakerStore>();
        services.AddSingleton<RunEventBatches>();
        services.TryAddSingleton<RunEventSignal>();
        services.TryAddSingleton<RunEventFeed>();
        services.TryAddSingleton<RunChangeFeed>();
        services.AddSingleton<IApiTokenStore, ApiTokenStore>();
        services.AddSingleton<IAuditStore, AuditStore>();
        services.AddSingleton<DatabaseHealth>();
        services.AddSingleton<IDatabaseHealth>(provider => provider.GetRequiredService<DatabaseHealth>());
        return services;
    }
}
