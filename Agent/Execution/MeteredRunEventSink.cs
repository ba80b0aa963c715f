using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Passes every run event on to the transport and feeds <see cref="AgentMetrics"/> from them: the agent's metrics
/// come from what it reports, so they need nothing from the code that launches processes or writes output files.
/// </summary>
internal sealed class MeteredRunEventSink(IRunEventSink inner) : IRunEventSink
{
    private readonly ConcurrentDictionary<(string RunId, int Attempt), long> accepted = new();
    private readonly ConcurrentDictionary<(string RunId, int Attempt), byte> running = new();

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        accepted[(message.RunId, message.Attempt)] = Stopwatch.GetTimestamp();
        return inner.AcceptedAsync(message, cancellationToken);
    }

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = (message.RunId, message.Attempt);
        if (accepted.TryRemove(key, out var since))
        {
            AgentMetrics.SpawnSeconds.Record(Stopwatch.GetElapsedTime(since).TotalSeconds);
        }

        if (running.TryAdd(key, 0))
        {
            AgentMetrics.Running.Add(1);
        }

        return inner.StartedAsync(message, cancellationToken);
    }

    public Task OutputAsync(RunOutput message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        AgentMetrics.OutputBytes.Add(Encoding.UTF8.GetByteCount(message.Text), new KeyValuePair<string, object?>("stream", message.Stream));
        return inner.OutputAsync(message, cancellationToken);
    }

    public Task FinishedAsync(RunFinished message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = (message.RunId, message.Attempt);
        accepted.TryRemove(key, out _);
        if (running.TryRemove(key, out _))
        {
            AgentMetrics.Running.Add(-1);
        }

        return inner.FinishedAsync(message, cancellationToken);
    }
}
