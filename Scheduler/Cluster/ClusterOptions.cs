namespace EasyTask.Scheduler.Cluster;

/// <summary>Settings of several schedulers on one PostgreSQL or SQL Server database (configuration section <c>EasyTask:Cluster</c>).</summary>
internal sealed class ClusterOptions
{
    public const string Section = "EasyTask:Cluster";

    /// <summary>How long the leader's lease lasts without renewal; a standby takes over once it has expired. Default 5 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the leader renews its lease and standbys try to take an expired one. Default 1 s; at most a third of the lease.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a scheduler looks for definition changes made through another one. Default 500 ms.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gives the lease up on a clean stop, so a standby takes over at once. Default true (tests turn it off to play a crash).</summary>
    public bool ReleaseOnStop { get; set; } = true;
}
