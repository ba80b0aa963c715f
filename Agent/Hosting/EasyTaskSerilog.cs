using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace EasyTask.Agent.Hosting;

/// <summary>
/// How every EasyTask process logs (scheduler and agent alike): Serilog, human-readable console lines without
/// colour codes when not on a terminal (journald stays clean), JSON lines on request, an optional daily rolling
/// file, and levels per source from the "Serilog" configuration section.
/// </summary>
public static class EasyTaskSerilog
{
    /// <summary>The console and file line: time, level, message (run id, task and host are in the milestone messages), source.</summary>
    public const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} <{SourceContext}>{NewLine}{Exception}";

    /// <summary><c>EasyTask:Logging:Json</c> (env <c>EASYTASK_LOG_JSON</c>): console lines as compact JSON, for log shippers.</summary>
    public const string JsonKey = "EasyTask:Logging:Json";

    /// <summary><c>EasyTask:Logging:File</c> (env <c>EASYTASK_LOG_FILE</c>): also a daily rolling file at this path (14 kept).</summary>
    public const string FileKey = "EasyTask:Logging:File";

    /// <summary>Applies the EasyTask logging setup to <paramref name="logger"/>.</summary>
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        if (configuration.GetValue(JsonKey, false) || configuration.GetValue("EASYTASK_LOG_JSON", false))
        {
            logger.WriteTo.Console(new CompactJsonFormatter());
        }
        else
        {
            logger.WriteTo.Console(outputTemplate: Template, formatProvider: CultureInfo.InvariantCulture,
                theme: Console.IsOutputRedirected ? ConsoleTheme.None : AnsiConsoleTheme.Code);
        }

        var file = configuration[FileKey] is { Length: > 0 } configured ? configured : configuration["EASYTASK_LOG_FILE"];
        if (!string.IsNullOrWhiteSpace(file))
        {
            logger.WriteTo.File(file, outputTemplate: Template, formatProvider: CultureInfo.InvariantCulture,
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }

        return logger;
    }
}
