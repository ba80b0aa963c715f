namespace EasyTask.Scheduler.Storage;

/// <summary>A fenced write was refused: the lease is no longer held by this member at this epoch (another scheduler took over).</summary>
internal sealed class LeaseLostException(string holder, long epoch)
    : InvalidOperationException($"write refused: {holder} no longer holds the scheduler lease at epoch {epoch}; another scheduler took over")
{
    public string Holder { get; } = holder;

    public long Epoch { get; } = epoch;
}
