using System.Threading.Channels;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// Leadership through the lease row: renew about every second while leading, try to take an expired lease while
/// standing by. Leading ends on its own <see cref="ClusterOptions.RenewInterval"/> before the lease could expire
/// when renewals fail (a database outage, a long pause), so two schedulers never act at once.
/// </summary>
internal sealed partial class LeaseLeadership(
    LeaseStore store,
    IServiceProvider services,
    IOptions<ClusterOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<LeaseLeadership> log) : BackgroundService, ILeadership
{
    private readonly ClusterOptions settings = options.Value;
    private readonly Channel<bool> changes = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object sync = new();
    private long epoch;
    private DateTimeOffset validUntil = DateTimeOffset.MinValue;
    private bool leading;

    public string MemberId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public long Epoch => Interlocked.Read(ref epoch);

    public bool IsLeader
    {
        get
        {
            lock (sync)
            {
                return leading && time.GetUtcNow() < validUntil;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var notifier = NotifyAsync(stoppingToken);
        var host = Environment.MachineName;
        var url = configuration["urls"];
        while (!stoppingToken.IsCancellationRequested)
        {
            await TickAsync(stoppingToken);
            try
            {
                await store.TouchAsync(MemberId, host, url, time.GetUtcNow(), stoppingToken);
                await Task.Delay(settings.RenewInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRenewFailed(log, ex.Message);
                await Task.Delay(settings.RenewInterval, time, CancellationToken.None);
            }
        }

        changes.Writer.TryComplete();
        await notifier;
    }

    /// <summary>One renewal (or take-over attempt); the instant is read before the database call, so the lease is never assumed longer than it is.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            bool held;
            if (leading)
            {
                held = await store.TryRenewAsync(MemberId, Epoch, now, settings.LeaseDuration, cancellationToken);
            }
            else
            {
                held = await store.TryTakeAsync(MemberId, now, settings.LeaseDuration, cancellationToken);
                if (held && await store.ReadAsync(cancellationToken) is { } lease && lease.Holder == MemberId)
                {
                    Interlocked.Exchange(ref epoch, lease.Epoch);
                }
            }

            Update(held, held ? now + settings.LeaseDuration - settings.RenewInterval : validUntil);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRenewFailed(log, ex.Message);
            Update(leading, validUntil);
        }
    }

    private void Update(bool held, DateTimeOffset until)
    {
        bool was, now;
        lock (sync)
        {
            was = leading;
            validUntil = until;
            leading = held && time.GetUtcNow() < until;
            now = leading;
        }

        if (now && !was)
        {
            LogTaken(log, MemberId, Epoch, settings.LeaseDuration.TotalSeconds);
            changes.Writer.TryWrite(true);
        }
        else if (was && !now)
        {
            LogLost(log, MemberId, Epoch, held ? "the lease ran out before it could be renewed" : "another scheduler holds the lease");
            changes.Writer.TryWrite(false);
        }
    }

    /// <summary>Tells the listeners, in order, away from the renewal loop (a takeover's catch-up must not delay renewals).</summary>
    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        await foreach (var taken in changes.Reader.ReadAllAsync(CancellationToken.None))
        {
            foreach (var listener in services.GetServices<ILeadershipListener>())
            {
                try
                {
                    await (taken ? listener.LeadershipTakenAsync(cancellationToken) : listener.LeadershipLostAsync(cancellationToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogListenerFailed(log, ex, listener.GetType().Name);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var held = leading;
        lock (sync)
        {
            leading = false;
        }

        await base.StopAsync(cancellationToken);
        try
        {
            if (held && settings.ReleaseOnStop && await store.ReleaseAsync(MemberId, Epoch, cancellationToken))
            {
                LogReleased(log, MemberId, Epoch);
            }

            await store.LeaveAsync(MemberId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRenewFailed(log, ex.Message);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Cluster: leadership taken by {MemberId} (epoch {Epoch}, lease {LeaseSeconds} s): this scheduler now fires, dispatches and watches")]
    private static partial void LogTaken(ILogger logger, string memberId, long epoch, double leaseSeconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Cluster: leadership lost by {MemberId} (epoch {Epoch}): {Why}; this scheduler stands by and only serves the API")]
    private static partial void LogLost(ILogger logger, string memberId, long epoch, string why);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Cluster: {MemberId} released the lease (epoch {Epoch}) on stop; a standby takes over at once")]
    private static partial void LogReleased(ILogger logger, string memberId, long epoch);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Cluster: lease renewal failed: {Problem}")]
    private static partial void LogRenewFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Cluster: {Listener} failed on a leadership change")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener);
}
