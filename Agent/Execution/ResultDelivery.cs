using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Hands finished results to the sink and marks them delivered in the journal once it took them. A failure leaves
/// the entry undelivered for the retry timer and the next start: no result is lost to a broker outage.
/// </summary>
internal sealed class ResultDelivery(RunJournal journal, IRunEventSink sink, TimeProvider time, string host, ILogger log)
{
    /// <summary>
    /// Sends the run's result; true when the sink took it. The retry timer and the end of a run skip a result
    /// whose delivery is already under way; an answer to a redelivered RunTask (<paramref name="answer"/>) is
    /// sent regardless, since the scheduler asked (a duplicate RunFinished changes nothing there).
    /// </summary>
    public async Task<bool> DeliverAsync(ActiveRun run, CancellationToken cancellationToken, bool answer = false)
    {
        if (run.Entry.Result is not { } result)
        {
            return false;
        }

        var exclusive = run.TryBeginDelivery();
        if (!exclusive && !answer)
        {
            return false;
        }

        try
        {
            await run.JournaledAsync();
            await sink.FinishedAsync(WithStart(run, result), cancellationToken);
            await run.UpdateAsync(journal, e => e.Delivered ? null : e with { Delivered = true, UpdatedAt = time.GetUtcNow() }, durable: false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.Undelivered(log, result.RunId, result.Attempt, host, ex.Message);
            return false;
        }
        finally
        {
            if (exclusive)
            {
                run.EndDelivery();
            }
        }
    }

    // A scheduler that reads folded reports gets the start with the result, from the journal: so the timeline keeps STARTED
    // and RUNNING even when the start report was held (FoldingEventSink) or lost, whenever the result is sent.
    private static RunFinished WithStart(ActiveRun run, RunFinished result) =>
        run.Task.FoldReports && run.Entry.Started is { } started
            ? result with { Start = started with { AcceptedAt = run.Entry.AcceptedAt } }
            : result;
}
