namespace EasyTask.Scheduler.Storage;

/// <summary>A scheduler process sharing the database, as it last reported itself.</summary>
internal sealed record ClusterMemberRecord(string MemberId, string Host, string? Url, DateTimeOffset StartedAt, DateTimeOffset LastSeen);
