using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Wires the run lifecycle: the door (<see cref="RunLifecycle"/>) with its parts, the run factory, the loops that
/// keep runs moving (creation from due occurrences, re-checks of ACTIVE runs, the watch over dispatched runs),
/// agent tracking and operator actions. The transport is not here: <c>AddDispatch</c> adds the bus (or a test its
/// fake <see cref="IRunDispatcher"/>).
/// </summary>
public static class RunLifecycleServiceCollectionExtensions
{
    public static IServiceCollection AddRunLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(RunLifecycle)))
        {
            return services;
        }

        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section))
            .Validate(o => o.AcknowledgeTimeout > TimeSpan.Zero && o.AgentTimeout > TimeSpan.Zero && o.WatchInterval > TimeSpan.Zero,
                $"{DispatchOptions.Section}: AcknowledgeTimeout, AgentTimeout and WatchInterval must be positive")
            .Validate(o => o.Prefetch is >= 0 and <= 10_000, $"{DispatchOptions.Section}: Prefetch must be from 0 to 10000")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBusLink, AlwaysUpLink>();
        services.TryAddSingleton<ILeadership, SoleLeader>();
        services.AddSingleton<PendingAgentEvents>();
        services.AddSingleton<IPendingAgentEvents>(sp => sp.GetRequiredService<PendingAgentEvents>());
        services.TryAddSingleton<IAgentRunQuestions, NoAgentQuestions>();
        services.AddSingleton<RunObservers>();
        services.AddRunMonitoring();
        services.AddSingleton<RunFactory>();
        services.AddSingleton<DependencyEvaluator>();
        services.AddSingleton<RunAdvancer>();
        services.AddSingleton<RunProgress>();
        services.AddSingleton<RunEnding>();
        services.AddSingleton<RunFinishedHandler>();
        services.AddSingleton<RunLifecycle>();
        services.AddSingleton<RunCreator>();
        services.AddSingleton<DispatchLedger>();
        services.AddSingleton<WaitingPriority>();
        services.AddSingleton<SlotQueue>();
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<SlotQueue>());
        services.AddSingleton<AgentRegistry>();
        services.AddSingleton<RunOutputSink>();
        services.AddSingleton<OperatorActions>();
        services.AddSingleton<RunWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<RunCreator>());
        services.AddHostedService<DependencyWatch>();
        services.AddSingleton<RetrySignal>();
        services.AddHostedService<RetryWake>();
        services.AddHostedService(sp => sp.GetRequiredService<RunWatch>());
        return services;
    }
}
