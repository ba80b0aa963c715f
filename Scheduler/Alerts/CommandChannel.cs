using System.Diagnostics;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Alerts;

/// <summary>Starts a local program with the alert as JSON on stdin; it must exit 0 within the channel's timeout.</summary>
internal sealed class CommandChannel : IAlertChannel
{
    public string Type => "command";

    public async Task SendAsync(AlertRecord alert, string channelName, AlertChannelOptions channel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(channel.Command))
        {
            throw new InvalidOperationException($"channel {channelName}: Command is required for a command channel");
        }

        var start = new ProcessStartInfo(channel.Command) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        channel.Arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"channel {channelName}: {channel.Command} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(channel.Timeout);
        try
        {
            await process.StandardInput.WriteAsync(AlertPayload.Json(alert));
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"channel {channelName}: {channel.Command} exited {process.ExitCode}: {(await stderr).Trim()}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"channel {channelName}: {channel.Command} did not finish within {channel.Timeout}");
        }
    }
}
