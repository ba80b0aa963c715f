namespace EasyTask.Scheduler.Cluster;

/// <summary>The one-process shape (SQLite, tests): this process always leads.</summary>
internal sealed class SoleLeader : ILeadership
{
    public bool IsLeader => true;

    public string MemberId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public long Epoch => 0;
}
