using System.Collections.Concurrent;

namespace EasyTask.Scheduler.Tests.Messaging;

/// <summary>What the test consumer received, by run id, so a test waits for its own message and no other.</summary>
internal sealed class ReceivedPings
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<PingAgent>> byRunId = new();

    /// <summary>Completes when the message of <paramref name="runId"/> arrives, or has arrived already.</summary>
    public Task<PingAgent> For(Guid runId) => Slot(runId).Task;

    /// <summary>Whether the message of <paramref name="runId"/> has arrived.</summary>
    public bool Has(Guid runId) => byRunId.TryGetValue(runId, out var slot) && slot.Task.IsCompleted;

    public void Add(PingAgent message) => Slot(message.RunId).TrySetResult(message);

    private TaskCompletionSource<PingAgent> Slot(Guid runId) =>
        byRunId.GetOrAdd(runId, _ => new TaskCompletionSource<PingAgent>(TaskCreationOptions.RunContinuationsAsynchronously));
}
