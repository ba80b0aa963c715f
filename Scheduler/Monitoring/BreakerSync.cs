using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// Keeps the circuit breakers in the database: reads them at start (a restarted scheduler, or a new leader, keeps an
/// open breaker until its cool-down), writes each change as it happens, and re-reads every few seconds to take in
/// what other scheduler instances sharing the database recorded.
/// </summary>
internal sealed partial class BreakerSync(CircuitBreakers breakers, IBreakerStore store, ILogger<BreakerSync> log) : BackgroundService
{
    /// <summary>How often the stored breakers are read again when nothing changes here.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            breakers.Restore(await store.AllAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSyncFailed(log, ex);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A breaker that changed a moment before the stop is written now, not lost with the process.
        try
        {
            foreach (var (host, state) in breakers.TakeChanges())
            {
                await (state is null ? store.DeleteAsync(host, cancellationToken) : store.SaveAsync(state, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSyncFailed(log, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await breakers.WaitForChangeAsync(Interval, stoppingToken);
            var changes = breakers.TakeChanges();
            try
            {
                foreach (var (host, state) in changes)
                {
                    await (state is null ? store.DeleteAsync(host, stoppingToken) : store.SaveAsync(state, stoppingToken));
                }

                breakers.Restore(await store.AllAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSyncFailed(log, ex);
                breakers.Requeue(changes);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breakers could not be read or written in the database; trying again")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
