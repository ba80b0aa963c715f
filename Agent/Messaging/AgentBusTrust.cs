using EasyTask.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// Which commands an agent on RabbitMQ obeys: only those the broker vouches came from the scheduler. Its own broker
/// user may bind (and so write to) its queue, so a stolen agent password could otherwise make this agent run
/// anything: a command must carry a validated <c>user_id</c>, not the agent's own, and the scheduler's user when
/// <c>EasyTask:Bus:SchedulerUser</c> names it. <c>EasyTask:Bus:TrustedAgents=false</c> turns the check off (one
/// shared broker user, development only); the in-process bus of standalone has nothing to check.
/// </summary>
internal sealed record AgentBusTrust(bool Enforced, string OwnUser, string? SchedulerUser)
{
    public const string EnabledKey = "EasyTask:Bus:TrustedAgents";
    public const string SchedulerUserKey = "EasyTask:Bus:SchedulerUser";

    /// <summary>Nothing checked: the in-process bus.</summary>
    public static readonly AgentBusTrust None = new(false, "", null);

    public static AgentBusTrust For(BusSettings bus, IConfiguration configuration) =>
        bus.InMemory ? None : new(configuration.GetValue(EnabledKey, true), bus.User, configuration[SchedulerUserKey] is { Length: > 0 } user ? user : null);

    /// <summary>Why the command is refused, or null when it may be obeyed.</summary>
    public string? Refusal(ConsumeContext context)
    {
        if (!Enforced)
        {
            return null;
        }

        var sender = BrokerIdentity.UserId(context);
        return sender is null ? "it carries no user_id (the scheduler stamps every command)"
            : SchedulerUser is not null && sender != SchedulerUser ? $"it was sent by broker user \"{sender}\", not the scheduler's \"{SchedulerUser}\""
            : SchedulerUser is null && sender == OwnUser ? $"it was sent by this agent's own broker user \"{sender}\""
            : null;
    }
}
