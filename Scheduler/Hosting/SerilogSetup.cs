using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace EasyTask.Scheduler.Hosting;

/// <summary>The one place logging is configured: Serilog, human-readable console lines, levels from the "Serilog" configuration section.</summary>
internal static class SerilogSetup
{
    public const string ConsoleTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} <{SourceContext}>{NewLine}{Exception}";

    public static WebApplicationBuilder AddEasyTaskLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            // Colour codes would end up as garbage in journald and log files: only colour a real terminal.
            .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture, theme: Console.IsOutputRedirected ? ConsoleTheme.None : AnsiConsoleTheme.Code));
        return builder;
    }
}
