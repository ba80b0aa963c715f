namespace EasyTask.Contracts.Messages;

/// <summary>
/// The RabbitMQ user each agent connects as (<c>deploy/rabbitmq/add-agent.sh</c> creates it). RabbitMQ refuses a
/// message whose <c>user_id</c> property differs from the connection's user, so the scheduler knows which agent sent
/// an event by comparing <c>user_id</c> with <see cref="Agent"/> of the event's host. Never rename.
/// </summary>
public static class BrokerUsers
{
    /// <summary>What every agent's broker user name starts with.</summary>
    public const string AgentPrefix = "easytask-agent-";

    /// <summary>The broker user of the agent named <paramref name="name"/>: <c>easytask-agent-&lt;name&gt;</c>.</summary>
    public static string Agent(string name) => AgentPrefix + name;
}
