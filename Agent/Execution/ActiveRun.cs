using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// One run attempt the agent knows of, from acceptance until its journal entry is retired. Journal writes of one
/// run go through <see cref="Update"/> under its lock, so they can never land out of order.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The stop source never has a timer, so it holds nothing to release; runs are simply dropped when retired.")]
internal sealed class ActiveRun
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private bool claimed;
    private System.Threading.Tasks.Task lastWrite = System.Threading.Tasks.Task.CompletedTask;
    private int delivering;

    public ActiveRun(JournalEntry entry, bool claimed)
    {
        Entry = entry;
        this.claimed = claimed;
    }

    /// <summary>A run known from the journal (after a restart, or a delivered one answering a redelivery): nothing left to start.</summary>
    public static ActiveRun Settled(JournalEntry entry)
    {
        var run = new ActiveRun(entry, claimed: true);
        run.Accepted.SetResult();
        return run;
    }

    public JournalEntry Entry { get; private set; }

    public RunTask Task => Entry.Task;

    public RunKey Key => Entry.Key;

    /// <summary>Completes once the acceptance is journaled; a redelivery waits for it before answering.</summary>
    public TaskCompletionSource Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Fires when the run must stop (cancel, timeout, agent stopping).</summary>
    public CancellationToken StopRequested => stop.Token;

    /// <summary>The reason of the first stop request (<c>killed</c>, <c>timed_out</c>, <c>agent_lost</c>).</summary>
    public string? StopReason { get; private set; }

    public string? StopDetail { get; private set; }

    /// <summary>
    /// Takes the run for one purpose, once: a worker to start it, or a cancel to end it before it started.
    /// Whoever loses the race leaves it alone.
    /// </summary>
    public bool TryClaim()
    {
        lock (gate)
        {
            var won = !claimed;
            claimed = true;
            return won;
        }
    }

    /// <summary>Records the first stop request and fires <see cref="StopRequested"/>; false once the run has finished.</summary>
    public bool RequestStop(string reason, string detail)
    {
        lock (gate)
        {
            if (Entry.State == JournalState.Finished)
            {
                return false;
            }

            StopReason ??= reason;
            StopDetail ??= detail;
        }

        stop.Cancel();
        return true;
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null: nothing to change) and journals the result; completes once it is
    /// written (durable: on the disk). The change is queued to the journal under the run's lock, so writes of one
    /// run land in order, while the wait for the disk happens outside it and is shared with other runs' writes.
    /// When the journal cannot be written the change still holds in memory, so the agent keeps telling the truth
    /// about the run, and the error is rethrown for the caller to decide.
    /// </summary>
    public async Task UpdateAsync(RunJournal journal, Func<JournalEntry, JournalEntry?> change, bool durable)
    {
        Task written;
        lock (gate)
        {
            if (change(Entry) is not { } next)
            {
                return;
            }

            Entry = next;
            written = journal.WriteAsync(next, durable);
            lastWrite = written;
        }

        await written;
    }

    /// <summary>
    /// Waits until the latest journal write of the run is done (a failed one counts as done: then only durability
    /// is lost). A result goes out only after this, so it is never sent before it is committed.
    /// </summary>
    public async Task JournaledAsync()
    {
        Task last;
        lock (gate)
        {
            last = lastWrite;
        }

        await last.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One delivery attempt at a time per run (the retry timer and a redelivery may both try).</summary>
    public bool TryBeginDelivery() => Interlocked.Exchange(ref delivering, 1) == 0;

    public void EndDelivery() => Volatile.Write(ref delivering, 0);
}
