using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// Reads new <c>run_events</c> rows and publishes them to <see cref="LiveFeed"/>. It reads when this process commits
/// an event (the stores ring <see cref="RunEventSignal"/>), so a change is on screen at once; a slow poll covers
/// events committed by another scheduler instance sharing the database. With no client listening it reads nothing.
/// Reading the table rather than hooking each code path means no move is missed and an event id is a resumable position.
/// </summary>
internal sealed partial class LiveFeedPump(RunEventFeed feed, LiveFeed live, RunEventSignal signal, ILogger<LiveFeedPump> log) : BackgroundService
{
    /// <summary>How often a listened-to stream looks for events this process did not commit itself (other cluster members).</summary>
    public static readonly TimeSpan FallbackPoll = TimeSpan.FromSeconds(1);

    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? position = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(FallbackPoll, stoppingToken);
            if (!live.Listening)
            {
                // Nobody listens: keep no place; the next client says where it starts.
                position = null;
                continue;
            }

            if (live.TakeJoined() is { } joined && (position is null || joined < position))
            {
                position = joined;
            }

            if (position is null)
            {
                // A client subscribed but has not said where it starts yet; it rings when it does.
                continue;
            }

            try
            {
                IReadOnlyList<RunFeedEntry> fresh;
                do
                {
                    fresh = await feed.AfterAsync(position.Value, Batch, stoppingToken);
                    foreach (var entry in fresh)
                    {
                        live.Publish(entry);
                        position = entry.Event.Id;
                    }
                }
                while (fresh.Count == Batch);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReadFailed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live stream could not read new run events; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
