using EasyTask.Scheduler.Api.Stream;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EasyTask.Scheduler.Web;

/// <summary>Wires what the web console needs on the server: the live stream and the paged run list.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Registers the live stream (<c>/api/v1/stream</c>) and the console's queries; call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.TryAddSingleton<RunStream>();
        services.TryAddSingleton<RunEventFeed>();
        services.TryAddSingleton<RunListing>();
        services.TryAddSingleton<AdhocRuns>();
        services.TryAddSingleton<Api.Logs.LogCache>();
        services.AddHostedService<RunStreamPump>();
        // Output reaches the stream as it is stored.
        services.TryAddSingleton<OutputStore>();
        services.Replace(ServiceDescriptor.Singleton<IOutputStore, StreamingOutputStore>());
        return services;
    }
}
