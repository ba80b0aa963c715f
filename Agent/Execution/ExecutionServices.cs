using EasyTask.Agent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EasyTask.Agent.Execution;

/// <summary>Wires the execution core. The transport registers the <see cref="IRunEventSink"/> and feeds <see cref="RunSupervisor"/>.</summary>
internal static class ExecutionServices
{
    /// <summary>
    /// Options (validated at start), the <see cref="RunSupervisor"/> and the hosted service that starts it.
    /// Register the transport's hosted service first: hosts stop in reverse order, so the transport is still up
    /// while the supervisor reports the runs it stops.
    /// </summary>
    public static IServiceCollection AddAgentExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Configure(o => AgentOptionsSetup.Apply(o, configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunSupervisor>();
        services.AddHostedService<AgentExecutionService>();
        return services;
    }
}
