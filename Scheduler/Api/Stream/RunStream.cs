using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>
/// The fan-out behind <c>/api/v1/stream</c>: run status changes (read from the database by
/// <see cref="RunStreamPump"/>) and output batches, delivered to every subscriber. A subscriber too slow to keep
/// up loses its oldest pending events; the scheduler never waits for a browser.
/// </summary>
internal sealed class RunStream
{
    private const int SubscriberBuffer = 5000;
    private static readonly JsonSerializerOptions Compact = new(ApiJson.Options) { WriteIndented = false };

    private readonly Lock gate = new();
    private readonly List<Channel<StreamEvent>> subscribers = [];
    private readonly ConcurrentDictionary<string, string> taskOfRun = new(StringComparer.Ordinal);

    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    /// <summary>The stream event for one transition: the run as it is now, with that one event in its <c>events</c>.</summary>
    public static StreamEvent ToEvent(RunEvent change, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(run);
        var data = JsonSerializer.Serialize(RunResource.From(run, events: [change]), Compact);
        return new StreamEvent(change.Id, "run", run.RunId, run.TaskName, change.To.ToText(), data);
    }

    /// <summary>Publishes a run's transition.</summary>
    public void Run(RunEvent change, RunRecord run)
    {
        if (run.Status.IsFinal())
        {
            taskOfRun.TryRemove(run.RunId, out _);
        }
        else
        {
            taskOfRun[run.RunId] = run.TaskName;
        }

        Publish(ToEvent(change, run));
    }

    /// <summary>Publishes a batch of a run's output.</summary>
    public void Output(string runId, int attempt, string stream, string text)
    {
        if (SubscriberCount == 0)
        {
            return;
        }

        var task = taskOfRun.TryGetValue(runId, out var name) ? name : "";
        var data = JsonSerializer.Serialize(new OutputResource(runId, task, attempt, stream, text), Compact);
        Publish(new StreamEvent(null, "output", runId, task, null, data));
    }

    /// <summary>Subscribes to everything published from now on; call the returned action to leave.</summary>
    public (ChannelReader<StreamEvent> Reader, Action Unsubscribe) Subscribe()
    {
        var channel = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (gate)
        {
            subscribers.Add(channel);
        }

        return (channel.Reader, () =>
        {
            lock (gate)
            {
                subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
    }

    private void Publish(StreamEvent e)
    {
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }
}

/// <summary>A batch of output as the stream carries it.</summary>
internal sealed record OutputResource(string RunId, string Task, int Attempt, string Stream, string Text);
