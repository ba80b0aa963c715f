using System.Collections.Concurrent;
using System.Threading.Channels;
using EasyTask.Agent.Hosting;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using Microsoft.Extensions.Options;

namespace EasyTask.Agent.Execution;

/// <summary>
/// The agent's execution core, independent of the transport. The transport calls <see cref="AcceptAsync"/> for each
/// RunTask and <see cref="CancelAsync"/> for each CancelRun; events come out through <see cref="IRunEventSink"/>.
/// Each (run id, attempt) is journaled before it is acknowledged and runs at most once, however often it is delivered.
/// </summary>
internal sealed partial class RunSupervisor : IAsyncDisposable
{
    private readonly AgentOptions options;
    private readonly MeteredRunEventSink sink;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly RunJournal journal;
    private readonly RunExecutor executor;
    private readonly ResultDelivery delivery;
    private readonly ConcurrentDictionary<RunKey, ActiveRun> runs = new();
    private readonly AttemptFence fence = new();
    private readonly TaskCompletionSource recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<ActiveRun> queue = Channel.CreateUnbounded<ActiveRun>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });

    public RunSupervisor(IOptions<AgentOptions> options, IRunEventSink sink, TimeProvider time, ILoggerFactory loggers)
    {
        this.options = options.Value;
        this.time = time;
        log = loggers.CreateLogger<RunSupervisor>();
        // The metrics see every report as the agent makes it; folding happens below them, on the way to the transport.
        this.sink = new MeteredRunEventSink(this.options.ReportFoldWindow > TimeSpan.Zero
            ? new FoldingEventSink(sink, this.options.ReportFoldWindow, key => runs.TryGetValue(key, out var run) && run.Task.FoldReports, time, log)
            : sink);
        journal = new RunJournal(this.options.EffectiveJournalDirectory, loggers.CreateLogger<RunJournal>());
        executor = new RunExecutor(this.options, this.sink, journal, time, log);
        delivery = new ResultDelivery(journal, this.sink, time, this.options.Name, log);
    }

    /// <summary>The journal, for tests and benchmarks that look at what it holds.</summary>
    internal RunJournal Journal => journal;

    /// <summary>Run slots, for heartbeats.</summary>
    public int Capacity => options.MaxConcurrentRuns;

    /// <summary>Run ids whose process is running now, for heartbeats.</summary>
    public IReadOnlyList<string> RunningRunIds =>
        [.. runs.Values.Where(r => r.Entry.State == JournalState.Running).Select(r => r.Task.RunId)];

    /// <summary>
    /// Takes a RunTask: journals it, sends RunAccepted, and queues it for a free slot. A redelivery of a known
    /// attempt starts nothing; its current state is sent again (RunAccepted, RunStarted, or the RunFinished).
    /// An attempt older than one already seen for the run is refused: it starts nothing and is answered with nothing.
    /// Waits until the journal is recovered (<see cref="StartAsync"/>): a RunTask that arrives earlier must not
    /// start a run the journal already knows.
    /// Throws only when the run could not be journaled (it is then not accepted; the transport should redeliver).
    /// </summary>
    public async Task AcceptAsync(RunTask task, CancellationToken cancellationToken)
    {
        await recovered.Task.WaitAsync(cancellationToken);
        AgentLog.TaskReceived(log, task.RunId, task.Attempt, task.Task, Contracts.Messages.HostNames.Describe(options.Name, task.Host));
        var key = RunKey.Of(task);
        if (!fence.TryAdmit(key, out var newer))
        {
            AgentLog.StaleAttempt(log, task.RunId, task.Attempt, task.Task, options.Name, newer);
            return;
        }

        var now = time.GetUtcNow();
        ActiveRun? fresh = null;

        // Delivered results are kept on disk only, so a late redelivery is looked up there.
        var candidate = runs.TryGetValue(key, out var known) ? known
            : journal.TryReadDelivered(key) is { } delivered ? ActiveRun.Settled(delivered)
            : fresh = new ActiveRun(new JournalEntry { Task = task, State = JournalState.Accepted, AcceptedAt = now, UpdatedAt = now }, claimed: false);
        var run = runs.GetOrAdd(key, candidate);
        if (fresh is null || !ReferenceEquals(run, fresh))
        {
            await ResendStateAsync(run, cancellationToken);
            return;
        }

        try
        {
            await run.UpdateAsync(journal, e => e, durable: true);
            run.Accepted.SetResult();
        }
        catch (Exception ex)
        {
            runs.TryRemove(new(run.Key, run));
            run.Accepted.SetException(ex);
            throw;
        }

        try
        {
            await sink.AcceptedAsync(new RunAccepted { RunId = task.RunId, Attempt = task.Attempt, Host = options.Name, At = now }, cancellationToken);
        }
        finally
        {
            // Queued even when the acknowledgement failed: the run is journaled, and a redelivery re-sends the acknowledgement.
            queue.Writer.TryWrite(run);
        }
    }

    /// <summary>Stops a queued or running attempt: it ends TERMINATED, reason <c>killed</c>. Unknown runs are ignored; finished ones re-send their result.</summary>
    public async Task CancelAsync(CancelRun cancel, CancellationToken cancellationToken)
    {
        await recovered.Task.WaitAsync(cancellationToken);
        var by = string.IsNullOrWhiteSpace(cancel.RequestedBy) ? "an operator" : cancel.RequestedBy;
        var key = new RunKey(cancel.RunId, cancel.Attempt);
        if (!runs.TryGetValue(key, out var run) && journal.TryReadDelivered(key) is { } delivered)
        {
            run = runs.GetOrAdd(key, ActiveRun.Settled(delivered));
        }

        if (run is null)
        {
            AgentLog.CancelRequested(log, cancel.RunId, cancel.Attempt, options.Name, by, "unknown on this agent, nothing to stop");
            return;
        }

        if (!run.RequestStop(RunReason.Killed, $"killed on request of {by}"))
        {
            AgentLog.CancelRequested(log, cancel.RunId, cancel.Attempt, options.Name, by, "already finished, its result is sent again");
            await DeliverAsync(run, cancellationToken, answer: true);
            return;
        }

        AgentLog.CancelRequested(log, cancel.RunId, cancel.Attempt, options.Name, by, "stopping");
        if (run.TryClaim())
        {
            // Still waiting for a slot: it ends now instead of when a slot frees up.
            await FinishAsync(run, executor.StoppedBeforeStart(run, time.GetUtcNow()), cancellationToken);
        }
    }

    private async Task ResendStateAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        await run.Accepted.Task;
        var entry = run.Entry;
        AgentLog.Redelivered(log, entry.Task.RunId, entry.Task.Attempt, entry.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, entry.Task.Host), entry.State.ToString().ToUpperInvariant());
        if (entry.State == JournalState.Finished)
        {
            await DeliverAsync(run, cancellationToken, answer: true);
            return;
        }

        await sink.AcceptedAsync(new RunAccepted { RunId = entry.Task.RunId, Attempt = entry.Task.Attempt, Host = options.Name, At = entry.AcceptedAt }, cancellationToken);
        if (entry.Started is { } started)
        {
            await sink.StartedAsync(started, cancellationToken);
        }
    }
}
