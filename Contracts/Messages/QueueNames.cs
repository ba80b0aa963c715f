namespace EasyTask.Contracts.Messages;

/// <summary>The queues scheduler and agents meet on. Never rename: deployed agents depend on them.</summary>
public static class QueueNames
{
    /// <summary>Where agents send their events (accepted, started, output, finished, heartbeat).</summary>
    public const string Scheduler = "easytask.scheduler";

    /// <summary>
    /// Where agents send their heartbeats: a queue of its own, so a flood of output or results on
    /// <see cref="Scheduler"/> can never delay them long enough to make a live agent look lost.
    /// </summary>
    public const string Heartbeats = "easytask.heartbeats";

    /// <summary>
    /// The exchange agents on RabbitMQ send their run events to; the scheduler binds it to <see cref="Scheduler"/>.
    /// Agents get write access to this exchange only, never to the scheduler's queue (which they could read or purge).
    /// </summary>
    public const string AgentEvents = "easytask.agent-events";

    /// <summary>The exchange agents on RabbitMQ send their heartbeats to; the scheduler binds it to <see cref="Heartbeats"/>.</summary>
    public const string AgentHeartbeats = "easytask.agent-heartbeats";

    /// <summary>The durable queue an agent consumes its commands from: <c>agent.&lt;name&gt;</c>.</summary>
    public static string Agent(string name) => $"agent.{name}";
}
