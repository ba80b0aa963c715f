using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

internal sealed partial class RunSupervisor
{
    /// <summary>
    /// Where each asked run attempt stands on this agent now (the answer to <see cref="AskRuns"/>): the live runs from
    /// memory, delivered results from the journal, so a run whose result is still on its way is told as ended, with its time.
    /// </summary>
    public async Task<IReadOnlyList<RunWhereabouts>> WhereaboutsAsync(IReadOnlyList<AskedRun> asked, CancellationToken cancellationToken)
    {
        await recovered.Task.WaitAsync(cancellationToken);
        return [.. asked.Select(Whereabouts)];
    }

    private RunWhereabouts Whereabouts(AskedRun asked)
    {
        var key = new RunKey(asked.RunId, asked.Attempt);
        var entry = runs.TryGetValue(key, out var run) ? run.Entry : journal.TryReadDelivered(key);
        return entry switch
        {
            { Result: { } result } => new(asked.RunId, asked.Attempt, RunWhereabouts.Ended, result.FinishedAt),
            { State: JournalState.Running } => new(asked.RunId, asked.Attempt, RunWhereabouts.Running),
            { State: JournalState.Accepted } => new(asked.RunId, asked.Attempt, RunWhereabouts.Waiting),
            _ => new(asked.RunId, asked.Attempt, RunWhereabouts.Unknown),
        };
    }
}
