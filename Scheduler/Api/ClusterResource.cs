namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>GET /api/v1/cluster</c>: the schedulers sharing the database, which one leads, and its lease.
/// <see cref="Mode"/> is <c>single</c> on SQLite (one process) and <c>cluster</c> on PostgreSQL or SQL Server.
/// </summary>
internal sealed record ClusterResource(
    string Mode,
    string ThisInstance,
    string? Leader,
    long Epoch,
    DateTimeOffset? LeaderSince,
    DateTimeOffset? LeaseRenewedAt,
    DateTimeOffset? LeaseExpiresAt,
    long? LeaseAgeMs,
    IReadOnlyList<ClusterMemberResource> Instances);

/// <summary>One scheduler process of the cluster.</summary>
internal sealed record ClusterMemberResource(string Id, string Host, string? Url, DateTimeOffset StartedAt, DateTimeOffset LastSeen, bool Leader);
