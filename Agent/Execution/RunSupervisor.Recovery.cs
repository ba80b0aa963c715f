using System.Globalization;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Execution;

internal sealed partial class RunSupervisor
{
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// Loads the journal after a restart. Finished results wait for delivery; attempts that were accepted or
    /// running when the agent died end FAILED, reason <c>agent_lost</c> — never run again here, because the
    /// scheduler may already have retried them elsewhere.
    /// </summary>
    private async Task RecoverAsync()
    {
        var settling = new List<Task>();
        var now = time.GetUtcNow();
        foreach (var (runKey, attempt) in journal.DeliveredAttempts())
        {
            fence.Seen(runKey, attempt);
        }

        foreach (var entry in journal.ReadOpen())
        {
            fence.Seen(RunJournal.FileSafe(entry.Task.RunId), entry.Task.Attempt);
            var run = ActiveRun.Settled(entry);
            runs[entry.Key] = run;
            if (entry.State == JournalState.Finished)
            {
                continue;
            }

            var detail = entry.State == JournalState.Accepted
                ? "the agent restarted before the run started; it never ran"
                : $"the agent restarted while the run was in flight (process {entry.Started?.ProcessId.ToString(CultureInfo.InvariantCulture) ?? "unknown"}){KillLeftovers(entry.Process)}";
            var result = new RunFinished
            {
                RunId = entry.Task.RunId,
                Attempt = entry.Task.Attempt,
                Host = options.Name,
                Status = RunStatus.Failed.ToText(),
                Reason = RunReason.AgentLost,
                StartedAt = entry.Started?.At,
                FinishedAt = now,
                Detail = detail,
            };
            settling.Add(run.UpdateAsync(journal, e => e with { State = JournalState.Finished, Result = result, Delivered = false, UpdatedAt = now }, durable: true));
            AgentLog.Recovered(log, entry.Task.RunId, entry.Task.Attempt, entry.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, entry.Task.Host), entry.State.ToString().ToUpperInvariant(), detail);
        }

        // One flush commits them all.
        await Task.WhenAll(settling);
        SweepDelivered();
    }

    /// <summary>
    /// Kills what is left of a run's process group from before the restart, when it is provably the same group:
    /// same boot, and the leader either gone (Linux keeps a group id reserved while any member lives) or started
    /// at the same tick.
    /// </summary>
    private static string KillLeftovers(ProcessIdentity? process)
    {
        if (process is null || !OperatingSystem.IsLinux() || process.BootId != ProcStat.BootId())
        {
            return "";
        }

        var leader = ProcStat.Read(process.ProcessGroup);
        var same = leader is null || leader.Value.StartTicks == process.StartTicks;
        return same && ProcessTree.KillGroup(process.ProcessGroup)
            ? string.Create(CultureInfo.InvariantCulture, $"; its leftover processes (group {process.ProcessGroup}) were killed")
            : "";
    }

    /// <summary>Forgets delivered results older than the retention (at most once a minute): past it, a redelivered RunTask is not expected any more.</summary>
    private void SweepDelivered()
    {
        var now = time.GetUtcNow();
        if (now - lastSweep < TimeSpan.FromMinutes(1))
        {
            return;
        }

        lastSweep = now;
        try
        {
            journal.SweepDelivered(now - options.DeliveredRetention);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only housekeeping: the next sweep tries again.
            AgentLog.SweepFailed(log, journal.Directory, ex.Message);
        }
    }
}
