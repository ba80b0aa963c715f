using System.Globalization;
using System.Text;
using EasyTask.Scheduler.Monitoring;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>Writes Server-Sent Events (one <c>data:</c> line per line of the body) and flushes each.</summary>
internal sealed class SseWriter(HttpResponse response)
{
    public async Task CommentAsync(string text, int? retryMs, CancellationToken cancellationToken)
    {
        var frame = new StringBuilder();
        if (retryMs is { } retry)
        {
            frame.Append(CultureInfo.InvariantCulture, $"retry: {retry}\n");
        }

        frame.Append(": ").Append(text).Append("\n\n");
        await response.WriteAsync(frame.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public async Task EventAsync(LiveEvent e, CancellationToken cancellationToken)
    {
        var frame = new StringBuilder();
        if (e.Id is { } id)
        {
            frame.Append(CultureInfo.InvariantCulture, $"id: {id}\n");
        }

        frame.Append("event: ").Append(e.Kind).Append('\n');
        foreach (var line in e.Data.Split('\n'))
        {
            frame.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        frame.Append('\n');
        await response.WriteAsync(frame.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
