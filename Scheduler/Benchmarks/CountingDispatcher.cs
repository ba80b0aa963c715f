using System.Collections.Concurrent;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>Stands in for the agents: notes when each run reached TRIGGER, so the benchmark can measure the scheduler alone.</summary>
internal sealed class CountingDispatcher(TimeProvider time) : IRunDispatcher
{
    public ConcurrentBag<(RunRecord Run, DateTimeOffset At)> Dispatched { get; } = [];

    public Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        Dispatched.Add((run, time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
