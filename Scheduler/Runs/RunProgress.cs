using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Part of <see cref="RunLifecycle"/>. Turns what agents report into run state: TRIGGER → STARTED on acknowledgement, → RUNNING when the
/// process starts, → SUCCESS | FAILED | TERMINATED when it ends. Every report is checked against the run's
/// attempt and status, so a stale or redelivered message changes nothing.
/// </summary>
internal sealed partial class RunProgress(IRunStore runs, RunEnding ending, RunMonitor monitor, ILogger<RunProgress> log)
{
    public async Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt || run.Status != RunStatus.Trigger)
        {
            return;
        }

        if (await MoveAsync(run, RunStatus.Started, message.Host, $"accepted by agent {message.Host}", cancellationToken) is { } accepted)
        {
            RunLog.Acknowledged(log, run.RunId, run.TaskName, message.Host, run.Attempt);
            await monitor.RunAcceptedAsync(accepted, cancellationToken);
        }
    }

    public async Task StartedAsync(RunStarted message, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(message.RunId, cancellationToken);
        if (run is null || run.Attempt != message.Attempt)
        {
            return;
        }

        if (run.Status == RunStatus.Trigger)
        {
            // The acknowledgement was lost or overtaken: the start proves the agent has the run.
            run = await MoveAsync(run, RunStatus.Started, message.Host, $"accepted by agent {message.Host} (known from its start report)", cancellationToken);
            if (run is not null)
            {
                await monitor.RunAcceptedAsync(run, cancellationToken);
            }
        }

        if (run?.Status == RunStatus.Started)
        {
            var files = message.StdoutPath is null ? "" : $"; stdout {message.StdoutPath}, stderr {message.StderrPath}";
            if (await MoveAsync(run, RunStatus.Running, message.Host, $"process {message.ProcessId} started{files}", cancellationToken, startedAt: message.At) is { } running)
            {
                await monitor.AttemptStartedAsync(running, message.At, cancellationToken);
            }
        }
    }

    public async Task FinishedAsync(RunFinished message, CancellationToken cancellationToken)
    {
        // A result must not be lost to a concurrent write: the agent's other events may be recorded at the same moment
        // by another consumer (or another scheduler of the cluster), moving the run's version under us. Read again and
        // retry until the result is written or the run no longer waits for it; give up loudly so the message is
        // delivered again rather than acknowledged.
        for (var pass = 1; ; pass++)
        {
            var run = await runs.FindAsync(message.RunId, cancellationToken);
            if (run is null || run.Attempt != message.Attempt || run.Status is RunStatus.Active || run.Status.IsFinal())
            {
                return;
            }

            if (!RunStatusText.TryParse(message.Status, out var status) || !status.IsFinal())
            {
                status = RunStatus.Failed;
            }

            var result = new AttemptResult(status, message.Reason, message.ReturnCode, message.StartedAt, message.FinishedAt, message.Detail, message.Cause);
            if (await ending.EndAttemptAsync(run, result, $"agent {message.Host}", cancellationToken))
            {
                return;
            }

            if (pass == MaxResultPasses)
            {
                throw new InvalidOperationException($"run {message.RunId} attempt {message.Attempt}: its result could not be recorded after {pass} tries (the run kept changing)");
            }
        }
    }

    private const int MaxResultPasses = 20;

    private async Task<RunRecord?> MoveAsync(RunRecord run, RunStatus to, string host, string detail, CancellationToken cancellationToken, DateTimeOffset? startedAt = null)
    {
        var moved = await runs.TransitionAsync(
            // The run keeps the host its task asked for (run_on_host): retries go to the same queue and every line
            // names it the same way; the agent that answered is in the event's actor.
            new RunChange(run.RunId, run.Version, run.Status, to, $"agent {host}", Detail: detail, StartedAt: startedAt),
            cancellationToken);
        if (moved is not null)
        {
            RunLog.StatusUpdated(log, run.RunId, run.TaskName, Contracts.Messages.HostNames.Describe(host, run.Host), run.Status.ToText(), to.ToText(), $": {detail}");
        }

        return moved;
    }
}
