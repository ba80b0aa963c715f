using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// Fences what the leader does by its lease epoch: the clock's run creation, advancing, dispatching and watching run
/// inside <see cref="Fence"/>, so each of their database transactions first checks the lease row still carries this
/// member and epoch (<see cref="LeaseFence"/>). A single SQLite scheduler has no lease and nothing to fence.
/// </summary>
internal static class LeadershipFence
{
    /// <summary>Fences the writes of the current async flow by this leader's epoch until disposed.</summary>
    public static IDisposable Fence(this ILeadership leadership) =>
        leadership is LeaseLeadership lease ? LeaseFence.Hold(lease.MemberId, lease.Epoch) : NoFence.Instance;

    private sealed class NoFence : IDisposable
    {
        public static readonly NoFence Instance = new();

        public void Dispose()
        {
        }
    }
}
