using System.Collections.Concurrent;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>The dispatch seam in tests: records what would have been sent to the agents.</summary>
internal sealed class RecordingDispatcher : IRunDispatcher
{
    public ConcurrentQueue<RunRecord> Dispatched { get; } = new();

    public Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        Dispatched.Enqueue(run);
        return Task.CompletedTask;
    }
}
