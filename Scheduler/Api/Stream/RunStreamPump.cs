using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>
/// Tails <c>run_events</c> (while nobody listens it only keeps its place) and publishes each transition to <see cref="RunStream"/>.
/// Reading the database rather than hooking the code that writes means no transition is missed, whichever
/// component or scheduler instance made it. A poll every 200 ms keeps a change on screen well within a second.
/// </summary>
internal sealed partial class RunStreamPump(RunEventFeed feed, RunStream stream, TimeProvider time, ILogger<RunStreamPump> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? position = null;
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // The position is read before looking for listeners: whoever subscribes after the look gets every
                // event after it, so the first change a new subscriber waits for is never skipped.
                if (position is null || stream.SubscriberCount == 0)
                {
                    var last = await feed.LastIdAsync(stoppingToken);
                    if (position is null || stream.SubscriberCount == 0)
                    {
                        position = last;
                        continue;
                    }
                }

                IReadOnlyList<(RunEvent Event, RunRecord Run)> batch;
                do
                {
                    batch = await feed.AfterAsync(position.Value, 500, stoppingToken);
                    foreach (var (change, run) in batch)
                    {
                        stream.Run(change, run);
                        position = change.Id;
                    }
                }
                while (batch.Count == 500);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live stream could not read run events; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
