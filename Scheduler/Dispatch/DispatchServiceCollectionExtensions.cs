using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<AgentEventAuthenticity>();
        services.AddSingleton<BusRunQuestions>();
        services.Replace(ServiceDescriptor.Singleton<IAgentRunQuestions>(sp => sp.GetRequiredService<BusRunQuestions>()));

        // Before the bus: hosts start in order and stop in reverse, so the batcher outlives the consumers.
        services.AddAgentEventRecorder();
        services.AddMassTransit(x =>
        {
            // MassTransit 8.4+ would report usage to an outside service a few minutes after start: nothing leaves the machine unasked.
            x.DisableUsageTelemetry();
            // Many events in flight, one writer: the consumers only hand events to the batcher, which writes
            // each batch in one transaction (an embedded SQLite never has writers queueing on its write lock).
            x.AddConsumer<AgentEventsConsumer>().Endpoint(e =>
            {
                e.ConcurrentMessageLimit = AgentEventBatcher.MaxBatch;
                e.PrefetchCount = AgentEventBatcher.MaxBatch * 2;
            });
            x.AddConsumer<AgentHeartbeatConsumer>();
            x.AddConfigureEndpointsCallback((name, endpoint) => BindAgentExchanges(name, endpoint));
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

                // Agents obey only commands the broker vouches came from another user than their own.
                cfg.StampUserId(bus.User);
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context, new SchedulerQueueNames());
            });
        });
        return services;
    }

    /// <summary>
    /// The batch recorder of agent events; it tells <see cref="PendingAgentEvents"/> what it has not recorded yet. Called by
    /// <see cref="AddDispatch"/>; tests without a bus call it to record agent events the way the bus consumer does.
    /// </summary>
    public static IServiceCollection AddAgentEventRecorder(this IServiceCollection services)
    {
        services.AddSingleton<AgentEventBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentEventBatcher>());
        return services;
    }

    /// <summary>
    /// On RabbitMQ, agents write to exchanges of their own (<see cref="QueueNames.AgentEvents"/>,
    /// <see cref="QueueNames.AgentHeartbeats"/>) that are bound here to the scheduler's queues, so an agent's broker
    /// user needs no right on those queues at all.
    /// </summary>
    private static void BindAgentExchanges(string name, IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            if (name == QueueNames.Scheduler)
            {
                rabbit.Bind(QueueNames.AgentEvents);
            }
            else if (name == QueueNames.Heartbeats)
            {
                rabbit.Bind(QueueNames.AgentHeartbeats);
            }
        }
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
