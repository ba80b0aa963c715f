using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Dispatch;

internal sealed partial class AgentEventBatcher
{
    /// <summary>
    /// Writes the batch in one transaction, with the same checks as <see cref="RunProgress"/> (attempt and status),
    /// and returns what must follow once it is committed. A result that sends the run to a retry is left to
    /// the lifecycle door after the commit: retries are rare and keep their single door.
    /// </summary>
    private async Task<List<Func<Task>>> WriteAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        var after = new List<Func<Task>>();
        await using var unit = await batches.BeginAsync(cancellationToken);
        foreach (var pending in batch)
        {
            switch (pending.Message)
            {
                case RunAccepted m:
                    await AcceptedAsync(unit, m, after, cancellationToken);
                    break;
                case RunStarted m:
                    await StartedAsync(unit, m, after, cancellationToken);
                    break;
                case RunOutput m when output.Admit(m) is { } text:
                    await unit.AppendOutputAsync(m.RunId, m.Attempt, m.Stream, m.Sequence, text, cancellationToken);
                    break;
                case RunFinished m:
                    await FinishedAsync(unit, m, after, cancellationToken);
                    break;
            }
        }

        await unit.CommitAsync(cancellationToken);
        return after;
    }

    private async Task AcceptedAsync(RunEventBatch unit, RunAccepted m, List<Func<Task>> after, CancellationToken cancellationToken)
    {
        var run = await unit.FindAsync(m.RunId, cancellationToken);
        if (run is null || run.Attempt != m.Attempt || run.Status != RunStatus.Trigger)
        {
            return;
        }

        if (await MoveAsync(unit, run, RunStatus.Started, m.Host, $"accepted by agent {m.Host}", after, cancellationToken) is not null)
        {
            after.Add(() =>
            {
                RunLog.Acknowledged(log, run.RunId, run.TaskName, m.Host, run.Attempt);
                return Task.CompletedTask;
            });
        }
    }

    private async Task StartedAsync(RunEventBatch unit, RunStarted m, List<Func<Task>> after, CancellationToken cancellationToken)
    {
        var run = await unit.FindAsync(m.RunId, cancellationToken);
        if (run is null || run.Attempt != m.Attempt)
        {
            return;
        }

        if (run.Status == RunStatus.Trigger)
        {
            run = await MoveAsync(unit, run, RunStatus.Started, m.Host, $"accepted by agent {m.Host} (known from its start report)", after, cancellationToken);
        }

        if (run?.Status == RunStatus.Started)
        {
            var files = m.StdoutPath is null ? "" : $"; stdout {m.StdoutPath}, stderr {m.StderrPath}";
            await MoveAsync(unit, run, RunStatus.Running, m.Host, $"process {m.ProcessId} started{files}", after, cancellationToken, m.At);
        }
    }

    private async Task FinishedAsync(RunEventBatch unit, RunFinished m, List<Func<Task>> after, CancellationToken cancellationToken)
    {
        var run = await unit.FindAsync(m.RunId, cancellationToken);
        if (run is null || run.Attempt != m.Attempt || run.Status is RunStatus.Active || run.Status.IsFinal())
        {
            return;
        }

        if (!RunStatusText.TryParse(m.Status, out var status) || !status.IsFinal())
        {
            status = RunStatus.Failed;
        }

        var result = new AttemptResult(status, m.Reason, m.ReturnCode, m.StartedAt, m.FinishedAt, m.Detail, m.Cause);
        if (lifecycle.Retries(run, result))
        {
            after.Add(() => lifecycle.FinishedAsync(m, cancellationToken));
            return;
        }

        await unit.RecordAttemptAsync(
            new RunAttempt(run.RunId, run.Attempt, result.Status, result.Reason, result.ReturnCode, run.Host, result.StartedAt ?? run.StartedAt, result.FinishedAt),
            cancellationToken);
        var ended = await unit.TransitionAsync(
            new RunChange(run.RunId, run.Version, run.Status, result.Status, $"agent {m.Host}", Detail: RunEnding.WithReturnCode(result), Reason: result.Reason,
                ReturnCode: result.ReturnCode, StartedAt: result.StartedAt, FinishedAt: result.FinishedAt),
            cancellationToken);
        if (ended is not null)
        {
            after.Add(() => lifecycle.EndedAsync(run, ended, result, cancellationToken));
        }
    }

    private async Task<RunRecord?> MoveAsync(
        RunEventBatch unit, RunRecord run, RunStatus to, string host, string detail, List<Func<Task>> after, CancellationToken cancellationToken, DateTimeOffset? startedAt = null)
    {
        var moved = await unit.TransitionAsync(new RunChange(run.RunId, run.Version, run.Status, to, $"agent {host}", Detail: detail, StartedAt: startedAt), cancellationToken);
        if (moved is not null)
        {
            after.Add(() =>
            {
                RunLog.StatusUpdated(log, run.RunId, run.TaskName, host, run.Status.ToText(), to.ToText(), $": {detail}");
                return to switch
                {
                    RunStatus.Started => monitor.RunAcceptedAsync(moved, cancellationToken),
                    RunStatus.Running => monitor.AttemptStartedAsync(moved, startedAt ?? moved.StartedAt ?? run.ScheduledFor, cancellationToken),
                    _ => Task.CompletedTask,
                };
            });
        }

        return moved;
    }
}
