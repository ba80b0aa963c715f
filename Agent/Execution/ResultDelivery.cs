using EasyTask.Agent.Journal;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Hands finished results to the sink and marks them delivered in the journal once it took them. A failure leaves
/// the entry undelivered for the retry timer and the next start: no result is lost to a broker outage.
/// </summary>
internal sealed class ResultDelivery(RunJournal journal, IRunEventSink sink, TimeProvider time, string host, ILogger log)
{
    /// <summary>Sends the run's result (again, if it was delivered before); true when the sink took it.</summary>
    public async Task<bool> DeliverAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        if (run.Entry.Result is not { } result || !run.TryBeginDelivery())
        {
            return false;
        }

        try
        {
            await sink.FinishedAsync(result, cancellationToken);
            run.Update(journal, e => e.Delivered ? null : e with { Delivered = true, UpdatedAt = time.GetUtcNow() }, durable: false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.Undelivered(log, result.RunId, result.Attempt, host, ex.Message);
            return false;
        }
        finally
        {
            run.EndDelivery();
        }
    }
}
