using EasyTask.Agent.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// Brings the agent's command queue back when the bus leaves it without a consumer. After a broker restart MassTransit
/// reconnects its receive endpoints by itself (3 s to 30 s apart), but when the connection drops while a delivery is
/// being settled, the RabbitMQ receive endpoint can stay down for good while sends still work: heartbeats and results
/// go out, so the scheduler sees a live agent with free slots, keeps sending it runs, and they wait in its queue in
/// TRIGGER forever. So when a command queue has had no consumer for <see cref="AgentOptions.CommandQueueGrace"/> while
/// the broker was reachable the whole time (heartbeats going out), the bus is stopped and started again. Runs in
/// flight go on meanwhile (their results wait in the journal); unacknowledged deliveries come back from the broker
/// and the journal de-duplicates them.
/// </summary>
internal sealed partial class CommandQueueWatch(
    ICommandQueueLink link,
    BrokerReachability broker,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<CommandQueueWatch> log) : BackgroundService
{
    /// <summary>How often the consumers are looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private DateTimeOffset? downSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckAsync(stoppingToken);
        }
    }

    /// <summary>One look: restarts the bus when the command queue has been without a consumer too long while the broker was up.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await link.ConsumingAsync(cancellationToken))
        {
            downSince = null;
            return;
        }

        downSince ??= now;

        // While the broker cannot be reached MassTransit keeps retrying by itself; only a broker that is up and a queue
        // that stays unconsumed anyway means the consumer is stuck.
        if (broker.UpSince is not { } up)
        {
            return;
        }

        var stuckSince = up > downSince.Value ? up : downSince.Value;
        var grace = options.Value.CommandQueueGrace;
        if (now - stuckSince < grace)
        {
            return;
        }

        LogRestarting(log, (long)(now - downSince.Value).TotalSeconds);
        try
        {
            await link.RestartAsync(cancellationToken);
            LogRestarted(log);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRestartFailed(log, ex, (long)grace.TotalSeconds);
        }

        // A fresh grace either way: the restarted consumer needs time to connect, a failed restart is tried again after it.
        downSince = time.GetUtcNow();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command queue without a consumer for {Seconds} s although the broker is reachable (its runs would wait in TRIGGER); restarting the bus connection")]
    private static partial void LogRestarting(ILogger logger, long seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus connection restarted; the command queue is consumed again once it reports ready")]
    private static partial void LogRestarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting the bus connection failed; trying again in {Seconds} s")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, long seconds);
}
