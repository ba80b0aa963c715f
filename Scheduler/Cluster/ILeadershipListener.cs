namespace EasyTask.Scheduler.Cluster;

/// <summary>Told when this process becomes the leader and when it stops being it (called one at a time, in order).</summary>
internal interface ILeadershipListener
{
    Task LeadershipTakenAsync(CancellationToken cancellationToken);

    Task LeadershipLostAsync(CancellationToken cancellationToken);
}
