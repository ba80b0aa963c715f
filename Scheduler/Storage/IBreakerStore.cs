namespace EasyTask.Scheduler.Storage;

/// <summary>The per-host circuit breakers, kept so a restarted scheduler or a new leader carries on where the last stopped.</summary>
internal interface IBreakerStore
{
    /// <summary>Every stored breaker (hosts with consecutive host-level failures).</summary>
    Task<IReadOnlyList<HostBreaker>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Stores the host's breaker, replacing what was stored.</summary>
    Task SaveAsync(HostBreaker breaker, CancellationToken cancellationToken);

    /// <summary>Forgets the host's breaker (it closed).</summary>
    Task DeleteAsync(string host, CancellationToken cancellationToken);
}
