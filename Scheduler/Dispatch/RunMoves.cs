using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// The moves one batch makes for one run, worked out in memory with the same checks as <see cref="RunProgress"/>
/// (attempt and status), so they can be written as one update of the run's row.
/// </summary>
internal sealed class RunMoves
{
    private bool read;

    /// <summary>The run as the database holds it before the steps not yet written (null: unknown run).</summary>
    public RunRecord? Found { get; set; }

    public List<MoveStep> Steps { get; } = [];

    /// <summary>How the attempt ended, when the steps end it.</summary>
    public AttemptResult? Finish { get; set; }

    /// <summary>The agent's report behind <see cref="Finish"/>: replayed through the lifecycle door if the batch's write loses a race.</summary>
    public RunFinished? FinishReport { get; set; }

    /// <summary>Set once the run's result went to the lifecycle door (a retry): later events of this batch are for it.</summary>
    public bool Done { get; set; }

    /// <summary>The run as it will be once the steps are written.</summary>
    public RunRecord? Current => Steps.Count > 0 ? Steps[^1].After : Found;

    public async Task<RunMoves> ReadAsync(RunEventBatch unit, string runId, CancellationToken cancellationToken)
    {
        if (!read)
        {
            Found = await unit.FindAsync(runId, cancellationToken);
            read = true;
        }

        return this;
    }

    public void Accepted(RunAccepted m)
    {
        if (Current is { } run && run.Attempt == m.Attempt && run.Status == RunStatus.Trigger)
        {
            Add(run, RunStatus.Started, m.Host, $"accepted by agent {m.Host}", acknowledgement: true);
        }
    }

    public void Started(RunStarted m)
    {
        if (Current is not { } run || run.Attempt != m.Attempt)
        {
            return;
        }

        if (run.Status == RunStatus.Trigger)
        {
            // The acknowledgement was lost or overtaken: the start proves the agent has the run.
            run = Add(run, RunStatus.Started, m.Host, $"accepted by agent {m.Host} (known from its start report)");
        }

        if (run.Status == RunStatus.Started)
        {
            var files = m.StdoutPath is null ? "" : $"; stdout {m.StdoutPath}, stderr {m.StderrPath}";
            Add(run, RunStatus.Running, m.Host, $"process {m.ProcessId} started{files}", startedAt: m.At);
        }
    }

    public void Finished(RunFinished m, AttemptResult result)
    {
        Finish = result;
        FinishReport = m;
        Add(Current!, result.Status, m.Host, RunEnding.WithReturnCode(result), reason: result.Reason, returnCode: result.ReturnCode,
            startedAt: result.StartedAt, finishedAt: result.FinishedAt);
    }

    private RunRecord Add(
        RunRecord run, RunStatus to, string host, string? detail, bool acknowledgement = false, string? reason = null, int? returnCode = null,
        DateTimeOffset? startedAt = null, DateTimeOffset? finishedAt = null)
    {
        var change = new RunChange(run.RunId, run.Version, run.Status, to, $"agent {host}", Detail: detail, Reason: reason, ReturnCode: returnCode,
            StartedAt: startedAt, FinishedAt: finishedAt);
        var after = run with
        {
            Status = to,
            Reason = reason ?? run.Reason,
            ReturnCode = returnCode ?? run.ReturnCode,
            StartedAt = startedAt ?? run.StartedAt,
            FinishedAt = finishedAt ?? run.FinishedAt,
        };
        Steps.Add(new MoveStep(change, run, after, host, acknowledgement));
        return after;
    }
}

/// <summary>One step of a run's moves: the change, the run before and after it, the agent that reported it.</summary>
internal sealed record MoveStep(RunChange Change, RunRecord Before, RunRecord After, string Host, bool Acknowledgement);
