using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Alerts;

/// <summary>Sends an alert over one kind of channel; throws when it could not (the delivery stays pending and is tried again).</summary>
internal interface IAlertChannel
{
    /// <summary>The <c>Type</c> this sender handles: webhook, command, email or log.</summary>
    string Type { get; }

    Task SendAsync(AlertRecord alert, string channelName, AlertChannelOptions channel, CancellationToken cancellationToken);
}
