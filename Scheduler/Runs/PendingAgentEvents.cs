using System.Collections.Concurrent;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Which runs have agent events taken in but not yet recorded: the batch recorder notes each event it receives and
/// each it settles, and decisions wait here (<see cref="IPendingAgentEvents"/>). Without a recorder (tests that play
/// the agent) nothing is ever pending.
/// </summary>
internal sealed partial class PendingAgentEvents(ILogger<PendingAgentEvents> log) : IPendingAgentEvents
{
    /// <summary>How long a decision waits for a run's pending events before it goes on with what is recorded.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    // Set while the recorder runs a batch's follow-ups: a decision made there cannot wait for a later batch (the
    // recorder would wait for itself), and everything up to its own batch is recorded already.
    private static readonly AsyncLocal<bool> InsideRecorder = new();

    // The settling of the latest event received of each run not yet recorded; batches commit in order, so it settles last.
    private readonly ConcurrentDictionary<string, Task> latest = new(StringComparer.Ordinal);

    /// <summary>Marks the current async flow as the recorder's own.</summary>
    public static void EnterRecorder() => InsideRecorder.Value = true;

    public void Received(string runId, Task settled) => latest[runId] = settled;

    public void Settled(string runId, Task settled) => latest.TryRemove(new KeyValuePair<string, Task>(runId, settled));

    public async Task<bool> RecordedAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken)
    {
        if (InsideRecorder.Value)
        {
            return false;
        }

        var waits = runIds.Select(id => latest.TryGetValue(id, out var settled) ? settled : null).OfType<Task>().ToList();
        if (waits.Count == 0)
        {
            return false;
        }

        try
        {
            await Task.WhenAll(waits).WaitAsync(SettleLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogSettleTimedOut(log, waits.Count, SettleLimit);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waited {Limit} for {Count} runs' agent events to be recorded; deciding on what is recorded")]
    private static partial void LogSettleTimedOut(ILogger logger, int count, TimeSpan limit);
}
