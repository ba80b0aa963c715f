using System.Collections.Concurrent;
using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Benchmarks;

/// <summary>A sink that only counts, so the figures measure the agent, not a transport.</summary>
internal sealed class CountingSink : IRunEventSink
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RunFinished>> finished = new();
    private long outputBatches;

    public long OutputBatches => Interlocked.Read(ref outputBatches);

    public Task<RunFinished> FinishedOf(string runId) => Completion(runId).Task;

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OutputAsync(RunOutput message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref outputBatches);
        return Task.CompletedTask;
    }

    public Task FinishedAsync(RunFinished message, CancellationToken cancellationToken)
    {
        Completion(message.RunId).TrySetResult(message);
        return Task.CompletedTask;
    }

    private TaskCompletionSource<RunFinished> Completion(string runId) =>
        finished.GetOrAdd(runId, _ => new TaskCompletionSource<RunFinished>(TaskCreationOptions.RunContinuationsAsynchronously));
}
