namespace EasyTask.Scheduler.Monitoring;

/// <summary>Refreshes the queue-depth and agents-alive gauges every few seconds, so a scrape never waits for the database.</summary>
internal sealed partial class MetricsSampler(HealthReporter health, ILogger<MetricsSampler> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up (migration, missed-run recovery) goes first.
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await health.ReportAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex);
            }

            await Task.Delay(Interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sampling queue depth and agents for metrics failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
