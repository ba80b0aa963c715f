using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>Wires dispatch: the bus (in-memory or RabbitMQ), the dispatcher and canceller over it, the scheduler's event queue.</summary>
public static class DispatchServiceCollectionExtensions
{
    /// <param name="addMore">Registers more consumers on the same bus (standalone: the in-process agent's).</param>
    /// <param name="configureBus">Adds receive endpoints of its own (standalone: the in-process agent's queues).</param>
    public static IServiceCollection AddDispatch(
        this IServiceCollection services,
        IConfiguration configuration,
        BusSettings bus,
        Action<IBusRegistrationConfigurator>? addMore = null,
        Action<IBusRegistrationContext, IBusFactoryConfigurator>? configureBus = null)
    {
        services.AddRunLifecycle(configuration);
        services.AddSingleton(bus);
        services.AddSingleton<IBusLink, MassTransitBusLink>();
        services.AddSingleton<IRunDispatcher, BusDispatcher>();
        services.AddSingleton<IRunCanceller, BusCanceller>();
        services.AddMassTransit(x =>
        {
            // One agent event at a time: events of a run then apply in order, and an embedded SQLite never has
            // a dozen writers queueing on its single write lock (measured: several times faster than 16 at once).
            x.AddConsumer<AgentEventsConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1);
            x.AddConsumer<AgentHeartbeatConsumer>();
            addMore?.Invoke(x);
            if (bus.InMemory)
            {
                x.UsingInMemory((context, cfg) =>
                {
                    configureBus?.Invoke(context, cfg);
                    cfg.ConfigureEndpoints(context, new SchedulerQueueNames());
                });
                return;
            }

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(bus.Host!, host =>
                {
                    host.Username(bus.User);
                    host.Password(bus.Password);
                });
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context, new SchedulerQueueNames());
            });
        });
        return services;
    }

    /// <summary>Consumers get their fixed, documented queue names instead of MassTransit's generated ones.</summary>
    private sealed class SchedulerQueueNames : DefaultEndpointNameFormatter
    {
        public SchedulerQueueNames()
            : base(includeNamespace: false)
        {
        }

        public override string Consumer<T>() =>
            typeof(T) == typeof(AgentEventsConsumer) ? QueueNames.Scheduler
            : typeof(T) == typeof(AgentHeartbeatConsumer) ? QueueNames.Heartbeats
            : base.Consumer<T>();
    }
}
