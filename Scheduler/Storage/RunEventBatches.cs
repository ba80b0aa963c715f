namespace EasyTask.Scheduler.Storage;

/// <summary>Opens <see cref="RunEventBatch"/>es on the configured database.</summary>
internal sealed class RunEventBatches(IDbConnectionFactory connections, TimeProvider time, RunEventSignal? signal = null)
{
    public Task<RunEventBatch> BeginAsync(CancellationToken cancellationToken) => RunEventBatch.BeginAsync(connections, time, signal, cancellationToken);
}
