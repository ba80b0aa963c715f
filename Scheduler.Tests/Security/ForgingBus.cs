using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>
/// A bare MassTransit bus on RabbitMQ, connected as whoever the URL names, that sends what a test tells it to:
/// an attacker holding some agent's broker password.
/// </summary>
internal sealed class ForgingBus : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly IBusControl bus;

    private ForgingBus(ServiceProvider services)
    {
        this.services = services;
        bus = services.GetRequiredService<IBusControl>();
    }

    /// <param name="amqpUrl">The broker and the stolen credentials.</param>
    /// <param name="stampUserId">Whether messages carry the connection's user as user_id (as the product's buses do).</param>
    public static async Task<ForgingBus> StartAsync(string amqpUrl, bool stampUserId)
    {
        var collection = new ServiceCollection();
        collection.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((_, rabbit) =>
            {
                var settings = BusSettings.Parse(amqpUrl);
                rabbit.Host(settings.Host!, host =>
                {
                    host.Username(settings.User);
                    host.Password(settings.Password);
                });
                if (stampUserId)
                {
                    rabbit.StampUserId(settings.User);
                }
            });
        });
        var forging = new ForgingBus(collection.BuildServiceProvider());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await forging.bus.StartAsync(deadline.Token);
        return forging;
    }

    public async Task SendAsync<T>(T message, string address)
        where T : class
    {
        var endpoint = await bus.GetSendEndpoint(new Uri(address));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await endpoint.Send(message, deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await bus.StopAsync(TimeSpan.FromSeconds(30));
        await services.DisposeAsync();
    }
}
