using EasyTask.Agent.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EasyTask.Agent.Hosting;

/// <summary>The <c>easytask-agent</c> daemon: configuration, the execution core, and (later) the transport.</summary>
internal static class AgentHost
{
    public const int Ok = 0;
    public const int InvalidConfiguration = 2;
    public const int NoTransport = 3;

    /// <summary>The daemon's host builder with options and the execution core registered; the transport adds its sink and consumers.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddAgentExecution(builder.Configuration);
        return builder;
    }

    /// <summary>Runs the daemon. Until the transport lands it checks its configuration and exits.</summary>
    public static async Task<int> RunDaemonAsync(string[] args, TextWriter error)
    {
        try
        {
            using var host = CreateBuilder(args).Build();
            var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;

            // The run loop (consume agent.<name>, run, report) lands with the dispatch work; until then the
            // executable only resolves and checks its configuration, so packaging and service files can be built.
            await error.WriteLineAsync($"easytask-agent {options.Name}: cannot run tasks yet in this build (the dispatch over RabbitMQ is not implemented); exiting.");
            return NoTransport;
        }
        catch (Exception ex) when (ex is ArgumentException or OptionsValidationException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return InvalidConfiguration;
        }
    }
}
