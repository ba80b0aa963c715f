using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>What operators do to runs by hand: force-start a task now, kill a run.</summary>
internal sealed class OperatorActions(
    TaskRegistry registry,
    IRunStore runs,
    RunFactory factory,
    RunLifecycle lifecycle,
    IRunCanceller canceller,
    TimeProvider time)
{
    public const string Actor = "operator";

    /// <summary>Creates a run of the task for now and sends it to TRIGGER at once. Null when no such task.</summary>
    public async Task<RunRecord?> ForceStartAsync(string name, string by, CancellationToken cancellationToken)
    {
        if (registry.Find(name) is not { } task)
        {
            return null;
        }

        var d = task.Definition;
        var created = await factory.CreateAsync([new NewRun(d.Tid, d.Name, time.GetUtcNow(), d.RunOnHost, Detail: $"force-start requested by {by}", Manual: true)], Actor, cancellationToken);
        var run = created[0].Run;
        await lifecycle.ForceStartAsync(run, d, by, cancellationToken);
        return await runs.FindAsync(run.RunId, cancellationToken);
    }

    /// <summary>
    /// Kills a run: one not yet on an agent ends TERMINATED (killed) at once; one on an agent is asked to
    /// stop, and ends when the agent reports it. Null when no such run; the run unchanged when already final.
    /// </summary>
    public async Task<RunRecord?> KillAsync(string runId, string by, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is null || run.Status.IsFinal())
        {
            return run;
        }

        if (run.Status is RunStatus.Started or RunStatus.Running)
        {
            await canceller.CancelAsync(run, by, cancellationToken);
            return run;
        }

        if (run.Status == RunStatus.Trigger)
        {
            // The RunTask may still sit in the agent's queue: the cancel follows it there.
            await canceller.CancelAsync(run, by, cancellationToken);
        }

        var result = new AttemptResult(RunStatus.Terminated, RunReason.Killed, null, null, time.GetUtcNow(), $"killed by {by} before it started");
        await lifecycle.EndAttemptAsync(run, result, $"operator {by}", cancellationToken);
        return await runs.FindAsync(runId, cancellationToken);
    }
}
