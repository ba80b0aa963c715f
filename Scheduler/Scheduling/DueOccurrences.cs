using System.Threading.Channels;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// The hand-off between the clock's threads and the single run creator: firing only enqueues, so a
/// thousand tasks due in the same second cost a thousand enqueues, and the creator writes them in batches.
/// </summary>
internal sealed class DueOccurrences
{
    // Not SingleReader, though the creator is the only reader: that variant cannot count what waits (Reader.Count).
    private readonly Channel<DueOccurrence> channel = Channel.CreateUnbounded<DueOccurrence>();

    public ChannelReader<DueOccurrence> Reader => channel.Reader;

    public void Add(DueOccurrence occurrence) => channel.Writer.TryWrite(occurrence);
}
