using EasyTask.Agent.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Hosting;

/// <summary>The <c>easytask-agent</c> daemon: configuration, the execution core, the bus.</summary>
internal static class AgentHost
{
    public const int Ok = 0;
    public const int InvalidConfiguration = 2;
    public const string BusVariable = "EASYTASK_BUS";

    /// <summary>
    /// The daemon's host: options, the execution core and the bus (<c>EASYTASK_BUS</c>, default in-memory; its password
    /// from <c>EASYTASK_BUS_FILE</c> or the systemd credential <c>easytask-bus</c>, see <see cref="BusSettings.Load"/>).
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        // appsettings*.json beside the binary, as for the scheduler. The content root is watched recursively for settings
        // changes: left at the working directory (under systemd the StateDirectory holding the journal), every journal
        // write woke the watcher.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // Under systemd: Type=notify readiness; as a Windows service: SCM lifetime. No-ops otherwise.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        builder.Services.AddSerilog((_, logger) => EasyTaskSerilog.Configure(logger, builder.Configuration));
        builder.Services.AddAgentDaemon(builder.Configuration, BusSettings.Load(
            builder.Configuration[BusVariable] ?? builder.Configuration["EasyTask:Bus"], builder.Configuration[BusSettings.FileVariable], builder.Configuration["CREDENTIALS_DIRECTORY"]));
        builder.Services.AddAgentTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>Runs the daemon until Ctrl+C / SIGTERM; running tasks are finished or terminated and recorded first.</summary>
    public static async Task<int> RunDaemonAsync(string[] args, TextWriter error)
    {
        try
        {
            using var host = CreateBuilder(args).Build();
            await host.RunAsync();
            return Ok;
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return InvalidConfiguration;
        }
        catch (Exception ex) when (ex is ArgumentException or OptionsValidationException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return InvalidConfiguration;
        }
    }
}
