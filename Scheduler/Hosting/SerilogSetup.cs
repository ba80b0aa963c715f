using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace EasyTask.Scheduler.Hosting;

/// <summary>
/// The one place logging is configured: Serilog with human-readable console lines (JSON lines on request),
/// an optional rolling file, and levels per source from the "Serilog" configuration section.
/// </summary>
internal static class SerilogSetup
{
    public const string ConsoleTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} <{SourceContext}>{NewLine}{Exception}";

    /// <summary><c>EasyTask:Logging:Json</c> (env <c>EASYTASK_LOG_JSON</c>): write console lines as JSON, for log shippers.</summary>
    public const string JsonKey = "EasyTask:Logging:Json";

    /// <summary><c>EasyTask:Logging:File</c> (env <c>EASYTASK_LOG_FILE</c>): also write a daily rolling file at this path (14 kept).</summary>
    public const string FileKey = "EasyTask:Logging:File";

    public static WebApplicationBuilder AddEasyTaskLogging(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue(JsonKey, false);
        var file = builder.Configuration[FileKey];
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (json)
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                // Colour codes would end up as garbage in journald and log files: only colour a real terminal.
                logger.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture,
                    theme: Console.IsOutputRedirected ? ConsoleTheme.None : AnsiConsoleTheme.Code);
            }

            if (!string.IsNullOrWhiteSpace(file))
            {
                logger.WriteTo.File(file, outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
            }
        });
        return builder;
    }
}
