using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>MassTransit's usage telemetry (a report to an outside service minutes after start) is off in both executables.</summary>
[TestFixture]
internal sealed class NoPhoneHomeTests
{
    [Test]
    public async Task Scheduler_TurnsMassTransitUsageTelemetryOff()
    {
        await using var app = SchedulerHost.Build(["--EasyTask:Database=sqlite:/tmp/easytask-no-phone-home.db", "--urls=http://127.0.0.1:0"]);

        Assert.That(app.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled, Is.False);
    }

    [Test]
    public async Task Agent_TurnsMassTransitUsageTelemetryOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EasyTask:Agent:Name"] = "phone-home-check" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAgentDaemon(configuration, BusSettings.Parse("inmemory"));
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled, Is.False);
    }
}
