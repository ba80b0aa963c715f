namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Sends retries on when their backoff is over. The wake-up time is the run's <c>not_before</c> column, so a
/// retry waiting 30 s still waits 30 s after a scheduler restart or a takeover, and then goes within a tick.
/// </summary>
internal sealed partial class RetryWake(RunLifecycle lifecycle, TimeProvider time, ILogger<RetryWake> log) : BackgroundService
{
    /// <summary>How late past its not_before a retry may go at most.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await lifecycle.WakeRetriesAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking retries whose backoff is over failed; trying again next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
