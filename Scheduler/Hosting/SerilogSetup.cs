using EasyTask.Agent.Hosting;
using Serilog;

namespace EasyTask.Scheduler.Hosting;

/// <summary>The scheduler's logging: the shared EasyTask Serilog setup (<see cref="EasyTaskSerilog"/>), with services available to sinks.</summary>
internal static class SerilogSetup
{
    public const string JsonKey = EasyTaskSerilog.JsonKey;
    public const string FileKey = EasyTaskSerilog.FileKey;

    public static WebApplicationBuilder AddEasyTaskLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
            EasyTaskSerilog.Configure(logger, builder.Configuration).ReadFrom.Services(services).Enrich.With<ControlCharacterEscaper>());
        return builder;
    }
}
