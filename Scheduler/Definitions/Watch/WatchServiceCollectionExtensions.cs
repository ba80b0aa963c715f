using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>Wires the watched folder: definition files dropped in a folder are imported like API calls.</summary>
public static class WatchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the watched folder from <c>EasyTask:Watch</c>. With no <c>Folder</c> set the service starts
    /// and does nothing, so every host can register it. Needs storage, scheduling and <see cref="DefinitionIntake"/>.
    /// </summary>
    public static IServiceCollection AddWatchedFolder(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WatchOptions>().Bind(configuration.GetSection(WatchOptions.Section))
            .Validate(o => o.SettleTime > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero,
                $"{WatchOptions.Section}: SettleTime and PollInterval must be positive")
            .Validate(o => !o.Enabled || o.Folder!.IndexOfAny(Path.GetInvalidPathChars()) < 0,
                $"{WatchOptions.Section}: Folder is not a valid path")
            .ValidateOnStart();
        services.AddSingleton<WatchedFolders>();
        services.AddSingleton<FileSettling>();
        services.AddSingleton<FileArchive>();
        services.TryAddSingleton<Audit.AuditTrail>();
        services.TryAddSingleton<DefinitionChanges>();
        services.AddSingleton<TaskFileImporter>();
        services.AddSingleton<CalendarFileImporter>();
        services.AddSingleton<WatchedFolderScanner>();
        services.AddHostedService<WatchedFolderService>();
        return services;
    }
}
