namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Monitoring writes (timeline appends, attempt classifications, failed-list entries) collected in the order they
/// were made, to be written in one transaction by <see cref="IMonitoringStore.WriteAsync"/>. Once written and closed
/// it takes no more: a write that comes later (work the flow left running) is written at once instead of being lost.
/// </summary>
internal sealed class MonitoringBatch
{
    private readonly Lock gate = new();
    private List<MonitoringCommand> commands = [];
    private bool closed;

    /// <summary>Queues the write; false when the batch is closed and the caller must write it itself.</summary>
    internal bool TryAdd(MonitoringCommand command)
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            commands.Add(command);
            return true;
        }
    }

    /// <summary>The writes so far, in order; the batch stays open for more when <paramref name="close"/> is false.</summary>
    internal List<MonitoringCommand> Take(bool close)
    {
        lock (gate)
        {
            var taken = commands;
            commands = [];
            closed |= close;
            return taken;
        }
    }
}
