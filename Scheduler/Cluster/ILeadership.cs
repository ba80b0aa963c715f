namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// Whether this scheduler may act now: fire occurrences, advance and dispatch runs, watch agents, purge. Every
/// scheduler serves the API; only the leader acts. Read it just before acting: it turns false by itself, before
/// the lease can expire, when renewals stop getting through.
/// </summary>
internal interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>This process, as the cluster lists it.</summary>
    string MemberId { get; }

    /// <summary>The lease epoch this process leads in (0 when it has never led).</summary>
    long Epoch { get; }
}
