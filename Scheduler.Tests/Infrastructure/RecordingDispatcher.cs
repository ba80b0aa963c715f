using System.Collections.Concurrent;
using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>The dispatch seam in tests: records what would have been sent to the agents (RunTask and CancelRun).</summary>
internal sealed class RecordingDispatcher : IRunDispatcher, IRunCanceller
{
    public ConcurrentQueue<RunRecord> Dispatched { get; } = new();

    /// <summary>The definition each RunTask carried, in the order of <see cref="Dispatched"/>.</summary>
    public ConcurrentQueue<TaskDefinition> Definitions { get; } = new();

    /// <summary>Everything sent to agents in order, as "run &lt;id&gt; attempt &lt;n&gt;" and "cancel &lt;id&gt; attempt &lt;n&gt;".</summary>
    public ConcurrentQueue<string> Sent { get; } = new();

    public Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        Dispatched.Enqueue(run);
        Definitions.Enqueue(definition);
        Sent.Enqueue(string.Create(CultureInfo.InvariantCulture, $"run {run.RunId} attempt {run.Attempt}"));
        return Task.CompletedTask;
    }

    public Task CancelAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken)
    {
        Sent.Enqueue(string.Create(CultureInfo.InvariantCulture, $"cancel {run.RunId} attempt {run.Attempt}"));
        return Task.CompletedTask;
    }
}
