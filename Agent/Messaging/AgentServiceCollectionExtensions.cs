using EasyTask.Agent.Execution;
using EasyTask.Agent.Hosting;
using EasyTask.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// Wires an agent: the execution core, its queue(s) <c>agent.&lt;name&gt;</c>, its events to the scheduler and its
/// heartbeats. The daemon brings its own bus connection; standalone puts the agent on the scheduler's bus.
/// </summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>The <c>easytask-agent</c> daemon: its own connection to the bus (in-memory or RabbitMQ).</summary>
    public static IServiceCollection AddAgentDaemon(this IServiceCollection services, IConfiguration configuration, BusSettings bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        AddNamesAndSink(services, configuration, []);
        services.AddSingleton(AgentBusTrust.For(bus, configuration));
        services.AddSingleton(bus.InMemory ? AgentBusRoute.InProcess : AgentBusRoute.RabbitMq);

        // Registered before the execution core: hosts stop in reverse order, so the bus is still up while the
        // supervisor reports the runs it stops.
        services.AddMassTransit(x =>
        {
            // MassTransit 8.4+ would report usage to an outside service a few minutes after start: nothing leaves the machine unasked.
            x.DisableUsageTelemetry();
            x.AddAgentConsumers();
            if (bus.InMemory)
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureAgentQueues(context));
                return;
            }

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(bus.Host!, host =>
                {
                    host.Username(bus.User);
                    host.Password(bus.Password);
                });

                // The scheduler accepts an event only with the broker-validated user_id of the agent it names.
                cfg.StampUserId(bus.User);
                cfg.ConfigureAgentQueues(context);
            });
        });
        if (!bus.InMemory)
        {
            // MassTransit can leave a RabbitMQ command queue without a consumer after a broker restart; this brings it back.
            services.AddSingleton<ICommandQueueLink>(sp => new MassTransitCommandQueueLink(sp.GetRequiredService<IBusControl>(), sp.GetRequiredService<AgentNames>(), bus));
            services.AddHostedService<CommandQueueWatch>();
        }

        return AddCore(services, configuration);
    }

    /// <summary>
    /// The in-process agent of <c>easytask standalone</c>: the caller's bus registration must call
    /// <see cref="AddAgentConsumers"/> and <see cref="ConfigureAgentQueues"/>. It also answers to <paramref name="aliases"/>.
    /// </summary>
    public static IServiceCollection AddInProcessAgent(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<string> aliases)
    {
        AddNamesAndSink(services, configuration, aliases);
        services.AddSingleton(AgentBusTrust.None);
        services.AddSingleton(AgentBusRoute.InProcess);
        return AddCore(services, configuration);
    }

    /// <summary>Registers the consumer of RunTask and CancelRun, without a queue of its own (see <see cref="ConfigureAgentQueues"/>).</summary>
    public static void AddAgentConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AgentCommandsConsumer>().ExcludeFromConfigureEndpoints();

    /// <summary>
    /// One durable queue <c>agent.&lt;name&gt;</c> for each name the agent answers to, bound only to the exchange of
    /// the same name the scheduler sends to: no message-type exchange (<c>EasyTask.Contracts.Messages:RunTask</c>) is
    /// bound to it, so nothing published reaches every agent, and the agent's broker user needs rights on its own
    /// names only (no faults are published).
    /// </summary>
    public static void ConfigureAgentQueues(this IBusFactoryConfigurator configurator, IBusRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        foreach (var name in context.GetRequiredService<AgentNames>().All)
        {
            configurator.ReceiveEndpoint(QueueNames.Agent(name), endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.PublishFaults = false;
                endpoint.ConfigureConsumer<AgentCommandsConsumer>(context);
            });
        }
    }

    private static void AddNamesAndSink(IServiceCollection services, IConfiguration configuration, IReadOnlyList<string> aliases)
    {
        var options = new AgentOptions();
        AgentOptionsSetup.Apply(options, configuration);
        services.AddSingleton(new AgentNames(options.Name, aliases));
        services.AddSingleton<BusEventSink>();
        services.AddSingleton<BrokerReachability>();
        services.AddSingleton(sp => new RefusalThrottle(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IRunEventSink>(sp => sp.GetRequiredService<BusEventSink>());
    }

    private static IServiceCollection AddCore(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgentExecution(configuration);
        services.AddHostedService<HeartbeatService>();
        return services;
    }
}
