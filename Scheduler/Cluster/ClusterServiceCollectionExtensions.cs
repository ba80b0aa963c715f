using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// Wires how many schedulers may share the database: on SQLite exactly one (a lock file beside it, and this
/// process always leads); on PostgreSQL and SQL Server any number, one of which leads through the lease row
/// while every one serves the API and follows definition changes made through the others.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddSingleton(_ => SqliteSingleInstance.Acquire(database));
        services.AddSingleton<ClusterView>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<ILeadership, SoleLeader>();
            return services;
        }

        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section))
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.RenewInterval > TimeSpan.Zero && o.RenewInterval * 3 <= o.LeaseDuration && o.SyncInterval > TimeSpan.Zero,
                $"{ClusterOptions.Section}: LeaseDuration, RenewInterval and SyncInterval must be positive, RenewInterval at most a third of LeaseDuration")
            .ValidateOnStart();
        services.AddSingleton<LeaseStore>();
        services.AddSingleton<DefinitionStamps>();
        services.AddSingleton<LeaseLeadership>();
        services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaseLeadership>());
        services.AddHostedService(sp => sp.GetRequiredService<LeaseLeadership>());
        services.AddHostedService<DefinitionSync>();
        return services;
    }
}
