namespace EasyTask.Agent.Journal;

/// <summary>
/// Enough to recognise a run's process group after an agent restart without mistaking a recycled pid for it:
/// the group id, the leader's start time in clock ticks since boot, and the boot it belongs to (Linux).
/// </summary>
internal sealed record ProcessIdentity(int ProcessGroup, long StartTicks, string BootId);
