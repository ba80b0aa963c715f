using EasyTask.Scheduler.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EasyTask.Scheduler.Alerts;

/// <summary>Mails the alert over SMTP (MailKit): subject with severity, kind and task; body the message and the JSON.</summary>
internal sealed class EmailChannel : IAlertChannel
{
    public string Type => "email";

    public async Task SendAsync(AlertRecord alert, string channelName, AlertChannelOptions channel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(channel.SmtpHost) || string.IsNullOrWhiteSpace(channel.From) || channel.To.Count == 0)
        {
            throw new InvalidOperationException($"channel {channelName}: SmtpHost, From and To are required for an email channel");
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(channel.From));
        channel.To.ForEach(to => message.To.Add(MailboxAddress.Parse(to)));
        message.Subject = $"[EasyTask {alert.Severity}] {alert.Kind}: {alert.TaskName ?? alert.Host ?? "scheduler"}";
        message.Body = new TextPart("plain") { Text = $"{alert.Message}\n\n{AlertPayload.Json(alert)}\n" };
        using var smtp = new SmtpClient { Timeout = (int)channel.Timeout.TotalMilliseconds };
        await smtp.ConnectAsync(channel.SmtpHost, channel.SmtpPort, SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(channel.User))
        {
            await smtp.AuthenticateAsync(channel.User, channel.Password ?? "", cancellationToken);
        }

        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
