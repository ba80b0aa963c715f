using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Cluster;

/// <summary>What <c>GET /api/v1/cluster</c> and <c>easytask cluster status</c> show, read from the lease and member rows.</summary>
internal sealed class ClusterView(ILeadership leadership, IServiceProvider services, TimeProvider time)
{
    private static readonly TimeSpan MemberHorizon = TimeSpan.FromMinutes(1);
    private readonly DateTimeOffset started = time.GetUtcNow();

    public async Task<ClusterResource> DescribeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (services.GetService<LeaseStore>() is not { } store)
        {
            return new ClusterResource("single", leadership.MemberId, leadership.MemberId, 0, started, null, null, null,
                [new ClusterMemberResource(leadership.MemberId, Environment.MachineName, null, started, now, true)]);
        }

        var lease = await store.ReadAsync(cancellationToken);
        var leader = lease is { Holder: { } holder } && lease.ExpiresAt > now ? holder : null;
        var members = await store.MembersAsync(now - MemberHorizon, cancellationToken);
        return new ClusterResource(
            "cluster",
            leadership.MemberId,
            leader,
            lease?.Epoch ?? 0,
            leader is null ? null : lease!.AcquiredAt,
            lease?.RenewedAt,
            lease?.ExpiresAt,
            lease is null || lease.RenewedAt.ToUnixTimeMilliseconds() == 0 ? null : (long)(now - lease.RenewedAt).TotalMilliseconds,
            [.. members.Select(m => new ClusterMemberResource(m.MemberId, m.Host, m.Url, m.StartedAt, m.LastSeen, m.MemberId == leader))]);
    }
}
