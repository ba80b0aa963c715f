using EasyTask.Agent.Execution.Launch;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Kills a run's whole process tree: SIGTERM to its process group, up to the grace period for the group to
/// empty, then SIGKILL. On Windows the tree is killed outright (no SIGTERM equivalent for console children).
/// </summary>
internal sealed class ProcessTree(TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <param name="process">The started shell (its pid is the group id when it leads its group).</param>
    /// <param name="grace">How long the tree gets to end after SIGTERM.</param>
    public async Task KillAsync(ChildProcess process, TimeSpan grace)
    {
        if (OperatingSystem.IsWindows() || !process.LeadsGroup)
        {
            process.KillTree();
        }
        else
        {
            UnixSignals.SignalGroup(process.Id, UnixSignals.Terminate);
            var started = time.GetTimestamp();
            while (GroupAlive(process.Id) && time.GetElapsedTime(started) < grace)
            {
                await Task.Delay(PollInterval, time);
            }

            if (GroupAlive(process.Id))
            {
                UnixSignals.SignalGroup(process.Id, UnixSignals.Kill);
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Kills what is left of a group the agent can no longer wait on (after a restart).</summary>
    public static bool KillGroup(int processGroup) =>
        !OperatingSystem.IsWindows() && UnixSignals.SignalGroup(processGroup, UnixSignals.Kill);

    private static bool GroupAlive(int processGroup) =>
        OperatingSystem.IsLinux() ? ProcStat.AnyAliveInGroup(processGroup) : !OperatingSystem.IsWindows() && UnixSignals.GroupExists(processGroup);
}
