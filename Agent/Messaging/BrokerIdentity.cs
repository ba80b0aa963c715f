using MassTransit;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// The broker-validated sender of a RabbitMQ message: every message a bus sends carries its connection's user as
/// the AMQP <c>user_id</c> property, which RabbitMQ checks against the authenticated user (a message claiming anyone
/// else is refused by the broker). Scheduler and agents both stamp and check it.
/// </summary>
public static class BrokerIdentity
{
    /// <summary>Stamps <paramref name="user"/> as <c>user_id</c> on everything this bus sends or publishes.</summary>
    public static void StampUserId(this IRabbitMqBusFactoryConfigurator configurator, string user)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.ConfigureSend(pipe => pipe.UseExecute(context => Stamp(context, user)));
        configurator.ConfigurePublish(pipe => pipe.UseExecute(context => Stamp(context, user)));
    }

    /// <summary>The validated <c>user_id</c> of a message received from RabbitMQ; null when it carries none or came another way.</summary>
    public static string? UserId(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) && rabbit.Properties.IsUserIdPresent()
            ? rabbit.Properties.UserId
            : null;
    }

    private static void Stamp(SendContext context, string user)
    {
        var rabbit = context as RabbitMqSendContext ?? (context.TryGetPayload(out RabbitMqSendContext? payload) ? payload : null);
        if (rabbit is not null)
        {
            rabbit.BasicProperties.UserId = user;
        }
    }
}
