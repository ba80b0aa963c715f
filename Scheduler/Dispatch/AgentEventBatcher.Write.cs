using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Dispatch;

internal sealed partial class AgentEventBatcher
{
    /// <summary>
    /// Writes the batch in one transaction, with the same checks as <see cref="RunProgress"/> (attempt and status),
    /// and returns what must follow once it is committed. The moves of one run that arrived together (accepted,
    /// started, finished) are one update of its row plus one event each. A result that sends the run to a retry is
    /// left to the lifecycle door after the commit: retries are rare and keep their single door.
    /// </summary>
    private async Task<List<Func<Task>>> WriteAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        var after = new List<Func<Task>>();
        await using var unit = await batches.BeginAsync(cancellationToken);

        // The batch is in run order (InRunOrder): each run's events are together, in lifecycle order.
        for (var start = 0; start < batch.Count;)
        {
            var runId = RunIdOf(batch[start].Message);
            var end = start;
            while (end < batch.Count && RunIdOf(batch[end].Message) == runId)
            {
                end++;
            }

            await WriteRunAsync(unit, batch.GetRange(start, end - start), after, cancellationToken);
            start = end;
        }

        await unit.CommitAsync(cancellationToken);
        return after;
    }

    private async Task WriteRunAsync(RunEventBatch unit, List<PendingEvent> events, List<Func<Task>> after, CancellationToken cancellationToken)
    {
        var moves = new RunMoves();
        foreach (var pending in events)
        {
            switch (pending.Message)
            {
                case RunOutput m when output.Admit(m) is { } text:
                    await unit.AppendOutputAsync(m.RunId, m.Attempt, m.Stream, m.Sequence, text, cancellationToken);
                    break;
                case RunAccepted or RunStarted or RunFinished when moves.Done:
                    break;
                case RunAccepted m:
                    (await moves.ReadAsync(unit, m.RunId, cancellationToken)).Accepted(m);
                    break;
                case RunStarted m:
                    (await moves.ReadAsync(unit, m.RunId, cancellationToken)).Started(m);
                    break;
                case RunFinished m:
                    await FinishedAsync(unit, await moves.ReadAsync(unit, m.RunId, cancellationToken), m, after, cancellationToken);
                    break;
            }
        }

        await WriteMovesAsync(unit, moves, after, cancellationToken);
    }

    private async Task FinishedAsync(RunEventBatch unit, RunMoves moves, RunFinished m, List<Func<Task>> after, CancellationToken cancellationToken)
    {
        if (moves.Current is not { } run || run.Attempt != m.Attempt || run.Status is RunStatus.Active || run.Status.IsFinal())
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
            // What arrived before it is written now; the retry goes through the door once that is committed, outside
            // the monitoring batch: the door writes status moves itself, and the run's timeline keeps its order.
            await WriteMovesAsync(unit, moves, after, cancellationToken);
            moves.Done = true;
            after.Add(() => monitor.UnbatchedAsync(() => lifecycle.FinishedAsync(m, cancellationToken), cancellationToken));
            return;
        }

        moves.Finished(m, result);
    }

    private async Task WriteMovesAsync(RunEventBatch unit, RunMoves moves, List<Func<Task>> after, CancellationToken cancellationToken)
    {
        if (moves.Found is not { } found || moves.Steps.Count == 0)
        {
            return;
        }

        var steps = moves.Steps.ToList();
        var finish = moves.Finish;
        var report = moves.FinishReport;
        moves.Steps.Clear();
        moves.Finish = null;
        moves.FinishReport = null;

        // A success's timeline rows go in with the moves, in this transaction: monitoring then has nothing of its own to
        // commit for the run (a failure's rows, which depend on its classification, still follow the commit).
        var timeline = new List<NewTimelineEvent>();
        var written = steps.Select(step => TimelineOf(step, finish, timeline)).ToList();
        if (await unit.MoveAsync(found, [.. steps.Select(s => s.Change)], timeline, cancellationToken) is not { } moved)
        {
            // The run changed since it was read (another consumer recorded its other events): a result is never
            // dropped for that; the door reads the run again after the commit and ends the attempt on what it finds.
            // The door writes status moves itself, so monitoring's writes there are not batched (timeline order).
            if (report is not null)
            {
                after.Add(() => monitor.UnbatchedAsync(() => lifecycle.FinishedAsync(report, cancellationToken), cancellationToken));
            }

            return;
        }

        moves.Found = moved;
        if (finish is { } result)
        {
            await unit.RecordAttemptAsync(
                new RunAttempt(moved.RunId, moved.Attempt, result.Status, result.Reason, result.ReturnCode, moved.Host, result.StartedAt ?? moved.StartedAt, result.FinishedAt),
                cancellationToken);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var (step, timelineWritten) = (steps[i], written[i]);
            var (change, host) = (step.Change, step.Host);
            var state = step.After with { Version = moved.Version };
            after.Add(() =>
            {
                RunLog.StatusUpdated(log, state.RunId, state.TaskName, host, change.From.ToText(), change.To.ToText(), $": {change.Detail}");
                return change.To switch
                {
                    RunStatus.Started when step.Acknowledgement => AcknowledgedAsync(state, host, timelineWritten, cancellationToken),
                    RunStatus.Started => monitor.RunAcceptedAsync(state, timelineWritten, cancellationToken),
                    RunStatus.Running => monitor.AttemptStartedAsync(state, change.StartedAt ?? state.StartedAt ?? state.ScheduledFor, timelineWritten, cancellationToken),
                    _ when finish is { } result => lifecycle.EndedAsync(step.Before, state, result, timelineWritten, cancellationToken),
                    _ => Task.CompletedTask,
                };
            });
        }
    }

    /// <summary>
    /// Adds to <paramref name="timeline"/> the rows monitoring writes for the step once it is committed (the same builders,
    /// so the same rows), when they depend on nothing but the step; true when it did, and monitoring is told so after the commit.
    /// </summary>
    private bool TimelineOf(MoveStep step, AttemptResult? finish, List<NewTimelineEvent> timeline)
    {
        switch (step.Change.To)
        {
            case RunStatus.Started:
                if (monitor.AcceptedEvent(step.After) is { } accepted)
                {
                    timeline.Add(accepted);
                }

                return true;
            case RunStatus.Running:
                timeline.Add(Monitoring.RunMonitor.AttemptStartedEvent(step.After));
                return true;
            default:
                if (finish is { } result && Monitoring.RunMonitor.SucceededEvents(step.Before, step.After, result) is { } succeeded)
                {
                    timeline.AddRange(succeeded);
                    return true;
                }

                return false;
        }
    }

    private Task AcknowledgedAsync(RunRecord run, string host, bool timelineWritten, CancellationToken cancellationToken)
    {
        RunLog.Acknowledged(log, run.RunId, run.TaskName, host, run.Attempt);
        return monitor.RunAcceptedAsync(run, timelineWritten, cancellationToken);
    }
}
