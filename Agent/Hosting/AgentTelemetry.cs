using EasyTask.Agent.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EasyTask.Agent.Hosting;

/// <summary>The agent's OpenTelemetry: its metrics and MassTransit's traces over OTLP, and only when an endpoint is configured.</summary>
internal static class AgentTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set: <see cref="AgentMetrics"/> and the bus's activities (the agent's
    /// part of each run attempt's trace) go there. Without it nothing is registered and the agent opens no connection.
    /// </summary>
    public static IServiceCollection AddAgentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("easytask-agent"))
            .WithMetrics(metrics => metrics.AddMeter(AgentMetrics.MeterName).AddOtlpExporter())
            .WithTracing(tracing => tracing.AddSource("MassTransit").AddOtlpExporter());
        return services;
    }
}
