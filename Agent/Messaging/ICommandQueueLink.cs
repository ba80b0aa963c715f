namespace EasyTask.Agent.Messaging;

/// <summary>The agent's consumer of its command queue(s) <c>agent.&lt;name&gt;</c>, as <see cref="CommandQueueWatch"/> sees it.</summary>
internal interface ICommandQueueLink
{
    /// <summary>True when every command queue of the agent has a consumer that is connected and taking messages.</summary>
    Task<bool> ConsumingAsync(CancellationToken cancellationToken);

    /// <summary>Drops the bus connection and makes it again, consumers included.</summary>
    Task RestartAsync(CancellationToken cancellationToken);
}
