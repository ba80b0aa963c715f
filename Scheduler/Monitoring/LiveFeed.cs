using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// The one fan-out behind <c>/api/v1/stream</c>: run status moves and typed timeline events (read from the
/// database by <see cref="LiveFeedPump"/>) and output batches as agents send them, delivered to every client.
/// A client too slow to keep up loses its oldest pending events; the scheduler never waits for a browser.
/// </summary>
internal sealed class LiveFeed(RunEventSignal? signal = null)
{
    private static readonly JsonSerializerOptions Compact = new(ApiJson.Options) { WriteIndented = false };

    private readonly Subscribers<LiveEvent> clients = new();
    private readonly ConcurrentDictionary<string, string> taskOfRun = new(StringComparer.Ordinal);
    private long joinedAt = long.MaxValue;

    /// <summary>Whether any client listens (with none, the pump reads nothing).</summary>
    public bool Listening => clients.Any;

    /// <summary>The stream event for one <c>run_events</c> row: <c>run</c> (the run now, with that move in its <c>events</c>) or <c>timeline</c>.</summary>
    public static LiveEvent ToEvent(RunFeedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var run = entry.Run;
        if (entry.Move is { } move)
        {
            var data = JsonSerializer.Serialize(RunResource.From(run, events: [move]), Compact);
            return new LiveEvent(move.Id, "run", run.RunId, run.TaskName, move.To.ToText(), data);
        }

        var e = entry.Event;
        var status = run.Status.ToText();
        var body = new LiveTimelineResource(e.Id, e.At, e.Type, e.Severity, run.RunId, run.TaskName, run.Host, e.Attempt, status, e.Actor, e.Detail);
        return new LiveEvent(e.Id, "timeline", run.RunId, run.TaskName, status, JsonSerializer.Serialize(body, Compact));
    }

    /// <summary>Subscribes to everything published from now on; then call <see cref="Join"/> with the last event id the client has.</summary>
    public (Guid Id, ChannelReader<LiveEvent> Reader) Subscribe() => clients.Subscribe();

    public void Unsubscribe(Guid id) => clients.Unsubscribe(id);

    /// <summary>
    /// A new client has every event up to <paramref name="eventId"/>: the pump's next read starts no later than there
    /// (clients skip what they already have) and happens now.
    /// </summary>
    public void Join(long eventId)
    {
        long current;
        do
        {
            current = Volatile.Read(ref joinedAt);
        }
        while (eventId < current && Interlocked.CompareExchange(ref joinedAt, eventId, current) != current);

        signal?.Ring();
    }

    /// <summary>The lowest position clients joined at since the last call, or null.</summary>
    public long? TakeJoined() => Interlocked.Exchange(ref joinedAt, long.MaxValue) is var at && at != long.MaxValue ? at : null;

    /// <summary>Publishes one <c>run_events</c> row.</summary>
    public void Publish(RunFeedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Run.Status.IsFinal())
        {
            taskOfRun.TryRemove(entry.Run.RunId, out _);
        }
        else
        {
            taskOfRun[entry.Run.RunId] = entry.Run.TaskName;
        }

        clients.Publish(ToEvent(entry));
    }

    /// <summary>Publishes a batch of a run's output (the task is filled in when the run's events were seen, else empty).</summary>
    public void Output(string runId, int attempt, string stream, string text)
    {
        if (!clients.Any)
        {
            return;
        }

        var task = taskOfRun.TryGetValue(runId, out var name) ? name : "";
        var data = JsonSerializer.Serialize(new LiveOutputResource(runId, task, attempt, stream, text), Compact);
        clients.Publish(new LiveEvent(null, "output", runId, task, null, data));
    }
}
