using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// Reads new timeline rows (status moves and typed events) from the database a few times a second and passes
/// them to live-stream clients. Reading the append-only table, not in-process calls, means a client sees what
/// every scheduler sharing the database recorded, and resumes exactly from an event id.
/// </summary>
internal sealed partial class LiveFeed(IMonitoringStore store, ILogger<LiveFeed> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private const int Batch = 500;

    private long rewind = long.MaxValue;

    public Subscribers<StreamEvent> Clients { get; } = new();

    /// <summary>A new client has seen everything up to <paramref name="eventId"/>: the next read starts no later than there (clients drop what they saw).</summary>
    public void Rewind(long eventId)
    {
        long current;
        do
        {
            current = Volatile.Read(ref rewind);
        }
        while (eventId < current && Interlocked.CompareExchange(ref rewind, eventId, current) != current);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long last = -1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!Clients.Any)
                {
                    // Nobody listens: no reads; the first client starts from the newest event (it replays with Last-Event-ID).
                    last = -1;
                    await Task.Delay(PollInterval, stoppingToken);
                    continue;
                }

                var from = Interlocked.Exchange(ref rewind, long.MaxValue);
                if (from != long.MaxValue && (last < 0 || from < last))
                {
                    last = from;
                }
                else if (last < 0)
                {
                    last = await store.LastEventIdAsync(stoppingToken);
                }

                var fresh = await store.EventsAfterAsync(last, Batch, stoppingToken);
                foreach (var item in fresh)
                {
                    Clients.Publish(item);
                    last = item.Event.Id;
                }

                if (fresh.Count == Batch)
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex);
            }

            await Task.Delay(PollInterval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live stream could not read new run events; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
