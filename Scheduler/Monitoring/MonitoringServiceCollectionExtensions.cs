using EasyTask.Scheduler.Alerts;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Api.Stream;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>Wires monitoring: what the run lifecycle calls (<see cref="AddRunMonitoring"/>) and what the service adds around it.</summary>
public static class MonitoringServiceCollectionExtensions
{
    /// <summary>What the run lifecycle needs at its transition points: timeline, breakers, failed list, alerts, metrics.</summary>
    public static IServiceCollection AddRunMonitoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BreakerOptions>();
        services.AddOptions<AlertOptions>();
        services.TryAddSingleton<RunMetrics>();
        services.TryAddSingleton<CircuitBreakers>();
        services.TryAddSingleton<AlertSignal>();
        services.TryAddSingleton<AlertRaiser>();
        services.TryAddSingleton<LiveFeed>();
        services.TryAddSingleton<RunMonitor>();
        services.TryAddSingleton<RunRetries>();
        return services;
    }

    /// <summary>The service side: options, live stream, health, alert delivery and SLA checks, retention, OpenTelemetry, OpenAPI.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRunMonitoring();
        services.Configure<BreakerOptions>(configuration.GetSection(BreakerOptions.Section));
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddHostedService<LiveFeedPump>();
        services.AddHostedService<BreakerSync>();
        services.AddSingleton<HealthReporter>();
        services.AddHostedService<MetricsSampler>();
        services.AddHttpClient(nameof(WebhookChannel));
        services.AddSingleton<IAlertChannel, WebhookChannel>();
        services.AddSingleton<IAlertChannel, CommandChannel>();
        services.AddSingleton<IAlertChannel, EmailChannel>();
        services.AddSingleton<IAlertChannel, LogChannel>();
        services.AddSingleton<AlertDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDispatcher>());
        services.AddSingleton<SlaWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaWatch>());
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurge>());
        services.AddTelemetry(configuration);
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EasyTask scheduler API";
            document.Info.Description = "Tasks, runs, calendars, agents, monitoring (timelines, failed runs, alerts, health) and the live stream.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>OpenTelemetry: metrics for the Prometheus scrape at /metrics; metrics and traces over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    private static void AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("easytask-scheduler"))
            .WithMetrics(metrics =>
            {
                // The agent's meter too: a standalone scheduler hosts an agent, whose metrics then show here.
                metrics.AddMeter(RunMetrics.MeterName, "EasyTask.Agent").AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // MassTransit emits an activity per send and consume: one trace per attempt, scheduler through the bus to the agent.
            telemetry.WithTracing(tracing => tracing.AddSource("MassTransit").AddSource("EasyTask.*").AddOtlpExporter());
        }
    }

    /// <summary>Maps the monitoring API, the live stream, /metrics, /openapi/v1.json and the API reference page at /api/reference.</summary>
    public static WebApplication MapMonitoring(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMonitoringApi();
        app.MapLiveStream();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            // Served from the package's embedded files: the page needs nothing from the internet.
            ui.RoutePrefix = "api/reference";
            ui.SwaggerEndpoint("/openapi/v1.json", "EasyTask v1");
            ui.DocumentTitle = "EasyTask API reference";
        });
        return app;
    }
}
