using System.Collections.Concurrent;
using System.Threading.Channels;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// Fan-out to live-stream clients. Each gets a bounded queue: a client too slow to keep up loses its oldest
/// items (it can resume from the timeline with Last-Event-ID) instead of slowing the scheduler.
/// </summary>
internal sealed class Subscribers<T>
{
    private const int QueueLength = 5_000;

    private readonly ConcurrentDictionary<Guid, Channel<T>> clients = new();

    public bool Any => !clients.IsEmpty;

    public (Guid Id, ChannelReader<T> Reader) Subscribe()
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        clients[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (clients.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    public void Publish(T item)
    {
        foreach (var channel in clients.Values)
        {
            channel.Writer.TryWrite(item);
        }
    }
}
