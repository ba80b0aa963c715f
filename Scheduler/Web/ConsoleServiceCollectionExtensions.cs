using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EasyTask.Scheduler.Web;

/// <summary>Wires what the web console needs on the server: the paged run list and adhoc runs (the live stream is monitoring's).</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Registers the console's queries; call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.TryAddSingleton<RunListing>();
        services.TryAddSingleton<AdhocRuns>();
        services.TryAddSingleton<Api.Logs.LogCache>();
        return services;
    }
}
