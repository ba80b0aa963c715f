using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Alerts;

/// <summary>
/// Raises alerts: one row per subject and kind (the store's unique key makes a second raise a no-op, across
/// schedulers and restarts) with one pending delivery per channel; <see cref="AlertDispatcher"/> sends them.
/// </summary>
internal sealed partial class AlertRaiser(IAlertStore store, AlertSignal signal, IOptionsMonitor<AlertOptions> options, ILogger<AlertRaiser> log)
{
    public Task<AlertRecord?> ForRunAsync(string kind, RunRecord run, string message, TaskDefinition? definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RaiseAsync(new NewAlert($"run:{run.RunId}:{kind}", kind, options.CurrentValue.SeverityOf(kind), run.RunId, run.TaskName, run.Host, message), definition?.Notify, cancellationToken);
    }

    public Task<AlertRecord?> ForHostAsync(string kind, string host, DateTimeOffset since, string message, CancellationToken cancellationToken) =>
        RaiseAsync(new NewAlert($"host:{host}:{kind}:{since.ToUnixTimeMilliseconds()}", kind, options.CurrentValue.SeverityOf(kind), null, null, host, message), null, cancellationToken);

    private async Task<AlertRecord?> RaiseAsync(NewAlert alert, TaskNotify? notify, CancellationToken cancellationToken)
    {
        var channels = options.CurrentValue.ChannelsFor(alert.Kind, alert.Severity, notify);
        if (channels.Count == 0)
        {
            return null;
        }

        var raised = await store.RaiseAsync(alert, channels, cancellationToken);
        if (raised is not null)
        {
            signal.Pulse();
            LogRaised(log, alert.Kind, alert.Severity, alert.RunId ?? "-", alert.TaskName ?? "-", alert.Host ?? "-", string.Join(", ", channels), alert.Message);
        }

        return raised;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert Raised: {Kind} ({Severity}) run {RunId} task {TaskName} host {Host} to {Channels}: {Message}")]
    private static partial void LogRaised(ILogger logger, string kind, string severity, string runId, string taskName, string host, string channels, string message);
}
