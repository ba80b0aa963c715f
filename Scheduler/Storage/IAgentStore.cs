namespace EasyTask.Scheduler.Storage;

/// <summary>The agents the scheduler has heard from, kept so operators (and a standby scheduler) can see them.</summary>
internal interface IAgentStore
{
    /// <summary>Records a heartbeat: inserts the agent or updates its row.</summary>
    Task SaveAsync(AgentRecord agent, CancellationToken cancellationToken);

    /// <summary>All agents ever heard from, by name.</summary>
    Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken);
}
