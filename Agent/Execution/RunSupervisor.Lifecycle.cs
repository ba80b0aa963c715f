using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

internal sealed partial class RunSupervisor
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> background = [];

    /// <summary>
    /// Opens the directories, settles what the journal holds from before a restart, starts the run slots and the
    /// result retry timer. Call it before the transport delivers the first RunTask.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.LogDirectory);
        try
        {
            journal.Open();
            await RecoverAsync();
        }
        catch (Exception ex)
        {
            recovered.TrySetException(ex);
            throw;
        }

        recovered.TrySetResult();
        for (var slot = 0; slot < options.MaxConcurrentRuns; slot++)
        {
            background.Add(Task.Run(() => WorkAsync(stopping.Token), CancellationToken.None));
        }

        background.Add(Task.Run(() => RetryAsync(stopping.Token), CancellationToken.None));
        var pending = runs.Values.Count(r => r.Entry is { State: JournalState.Finished, Delivered: false });
        AgentLog.Ready(log, options.Name, options.MaxConcurrentRuns, Path.GetFullPath(options.LogDirectory), journal.Directory, pending);
    }

    /// <summary>
    /// Stops taking runs, kills the running trees (they end FAILED, reason <c>agent_lost</c>, so the scheduler's
    /// retry policy applies) and tries once more to deliver results; undelivered ones wait in the journal.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        await Task.WhenAll(background);
        while (queue.Reader.TryRead(out var waiting))
        {
            if (waiting.TryClaim())
            {
                waiting.RequestStop(Contracts.Runs.RunReason.Shutdown, "the agent was stopped (planned shutdown) while the run waited for a free slot");
                await FinishAsync(waiting, executor.StoppedBeforeStart(waiting, time.GetUtcNow()), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        stopping.Dispose();
        journal.Dispose();
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var run in queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (run.TryClaim())
                {
                    try
                    {
                        await ExecuteAsync(run, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // The slot must survive whatever one run did to it.
                        AgentLog.ExecutionError(log, ex, run.Task.RunId, run.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, run.Task.Host));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: runs still queued are settled by StopAsync.
        }
    }

    private async Task ExecuteAsync(ActiveRun run, CancellationToken agentStopping)
    {
        RunFinished result;
        try
        {
            result = await executor.ExecuteAsync(run, agentStopping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.ExecutionError(log, ex, run.Task.RunId, run.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, run.Task.Host));
            result = RunOutcome.NotStarted(run.Task, options.Name, Contracts.Runs.RunStatus.Failed, Contracts.Runs.RunReason.AgentLost,
                $"the agent failed while handling the run: {ex.Message}", time.GetUtcNow());
        }

        await FinishAsync(run, result, CancellationToken.None);
    }

    /// <summary>Journals the result durably, logs it, then hands it to the sink (even when the journal failed: then only durability is lost).</summary>
    private async Task FinishAsync(ActiveRun run, RunFinished result, CancellationToken cancellationToken)
    {
        try
        {
            await run.UpdateAsync(journal, e => e with { State = JournalState.Finished, Result = result, Delivered = false, UpdatedAt = result.FinishedAt }, durable: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            AgentLog.ExecutionError(log, ex, result.RunId, run.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, run.Task.Host));
        }

        var duration = result.StartedAt is { } startedAt ? (long)(result.FinishedAt - startedAt).TotalMilliseconds : 0;
        AgentLog.ExecutionEnd(log, result.RunId, run.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, run.Task.Host), result.Status, result.Reason, duration, result.Detail is null ? "" : ": " + result.Detail);
        AgentLog.ReturnCode(log, result.RunId, run.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, run.Task.Host), result.ReturnCode);
        await DeliverAsync(run, cancellationToken);
    }
}
