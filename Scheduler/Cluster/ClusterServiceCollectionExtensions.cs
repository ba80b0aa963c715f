using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// Wires how many schedulers may share the database: on SQLite exactly one (a lock file beside it); on PostgreSQL
/// and SQL Server any number, one of which leads through a lease row.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(_ => SqliteSingleInstance.Acquire(database));
        return services;
    }
}
