using EasyTask.Scheduler.Cluster;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Sends retries on when their backoff is over. The wake-up time is the run's <c>not_before</c> column, so a
/// retry waiting 30 s still waits 30 s after a scheduler restart or a takeover. It sleeps until the earliest
/// wake-up time it read (looking again at least every <see cref="Horizon"/>), or until <see cref="RetrySignal"/> tells of a new retry.
/// </summary>
internal sealed partial class RetryWake(RunLifecycle lifecycle, RetrySignal signal, ILeadership leadership, TimeProvider time, ILogger<RetryWake> log) : BackgroundService
{
    /// <summary>How far ahead one look reads, and so the longest sleep without a look.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Horizon;
            var nudged = signal.NextAsync();
            if (leadership.IsLeader)
            {
                try
                {
                    using var fence = leadership.Fence();
                    if (await lifecycle.WakeRetriesAsync(stoppingToken, Horizon) is { } next)
                    {
                        wait = TimeSpan.FromTicks(Math.Clamp((next - time.GetUtcNow()).Ticks, 0, Horizon.Ticks));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(log, ex);
                }
            }

            try
            {
                await Task.WhenAny(Task.Delay(wait, time, stoppingToken), nudged);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking retries whose backoff is over failed; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
