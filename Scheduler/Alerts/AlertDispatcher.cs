using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Alerts;

/// <summary>
/// Sends pending alert deliveries. Each is claimed in the database first, so two schedulers never send the same
/// one; a failed try stays pending with a growing delay (5 s doubling, at most 10 min): a channel that is down
/// delays an alert, never loses it. A delivered alert about a run is recorded in its timeline (<c>alert_sent</c>).
/// </summary>
internal sealed partial class AlertDispatcher(
    IAlertStore store,
    IMonitoringStore monitoring,
    IRunStore runs,
    IEnumerable<IAlertChannel> senders,
    IOptionsMonitor<AlertOptions> options,
    AlertSignal signal,
    TimeProvider time,
    ILogger<AlertDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    // Alerts raised by another scheduler sharing the database are picked up at least this often.
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(30);

    private DateTimeOffset? retryAt;

    private readonly Dictionary<string, IAlertChannel> byType = senders.ToDictionary(s => s.Type, StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(log, ex);
            }

            // Woken by a raise here, a failed delivery coming due, or the safety poll; an idle scheduler stays off the database.
            var wait = retryAt is { } at ? at - time.GetUtcNow() : SafetyPoll;
            await signal.WaitAsync(wait < options.CurrentValue.DeliveryInterval ? options.CurrentValue.DeliveryInterval : wait < SafetyPoll ? wait : SafetyPoll, stoppingToken);
        }
    }

    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.ClaimDueAsync(now, now + Claim, 20, cancellationToken);
        retryAt = due.Count == 20 ? now : null;
        foreach (var (alert, delivery) in due)
        {
            try
            {
                var channel = ChannelOf(delivery.Channel);
                if (!byType.TryGetValue(channel.Type, out var sender))
                {
                    throw new InvalidOperationException($"channel {delivery.Channel}: Type \"{channel.Type}\" is not one of webhook, command, email, log");
                }

                await sender.SendAsync(alert, delivery.Channel, channel, cancellationToken);
                await store.DeliveredAsync(alert.Id, delivery.Channel, cancellationToken);
                if (alert.RunId is not null && await runs.FindAsync(alert.RunId, cancellationToken) is { } run)
                {
                    await monitoring.AppendAsync(
                        new NewTimelineEvent(run.RunId, run.Attempt, TimelineTypes.AlertSent, Severities.Info, run.Status.ToText(), "scheduler (alerts)", $"{alert.Kind} alert ({alert.Severity}) sent to {delivery.Channel}"),
                        cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, 5 * Math.Pow(2, delivery.Attempts)));
                LogDeliveryFailed(log, alert.Kind, alert.RunId ?? alert.Host ?? "-", delivery.Channel, delivery.Attempts + 1, (long)delay.TotalSeconds, ex.Message);
                var next = time.GetUtcNow() + delay;
                retryAt = retryAt is { } earlier && earlier < next ? earlier : next;
                await store.FailedAsync(alert.Id, delivery.Channel, ex.Message, next, cancellationToken);
            }
        }
    }

    private AlertChannelOptions ChannelOf(string name) =>
        options.CurrentValue.Channels.TryGetValue(name, out var configured) ? configured
        : name == AlertOptions.LogChannel ? new AlertChannelOptions { Type = "log" }
        : throw new InvalidOperationException($"channel {name} is not configured under {AlertOptions.Section}:Channels");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind} for {Subject} not delivered to {Channel} (try {Attempt}); trying again in {DelaySeconds} s: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string kind, string subject, string channel, int attempt, long delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending alerts failed; trying again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
