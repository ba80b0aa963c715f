using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>Deletes finished runs older than <see cref="RetentionOptions.Runs"/>, in small batches, until none is left.</summary>
internal sealed partial class RetentionPurge(IMonitoringStore store, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurge> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Give start-up (migration, missed-run recovery) the database first.
        await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex);
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken);
        }
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.Runs;
        var total = 0;
        int removed;
        do
        {
            removed = await store.PurgeAsync(before, options.Value.Batch, cancellationToken);
            total += removed;
        }
        while (removed == options.Value.Batch && !cancellationToken.IsCancellationRequested);

        if (total > 0)
        {
            LogPurged(log, total, before);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: purged {Count} runs finished before {Before:O}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
