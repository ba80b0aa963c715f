using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Alerts;

/// <summary>Writes the alert to the scheduler's log (journald, the log file): the channel that needs nothing.</summary>
internal sealed partial class LogChannel(ILogger<LogChannel> log) : IAlertChannel
{
    public string Type => "log";

    public Task SendAsync(AlertRecord alert, string channelName, AlertChannelOptions channel, CancellationToken cancellationToken)
    {
        LogAlert(log, alert.Severity, alert.Kind, alert.RunId ?? "-", alert.TaskName ?? "-", alert.Host ?? "-", alert.Message);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Severity} {Kind}: run {RunId} task {TaskName} host {Host}: {Message}")]
    private static partial void LogAlert(ILogger logger, string severity, string kind, string runId, string taskName, string host, string message);
}
