using System.Text;

namespace EasyTask.Scheduler.Tests.Monitoring;

/// <summary>Reads a Server-Sent Events response frame by frame, noting when each frame arrived.</summary>
internal sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader reader = new(body);

    /// <summary>The next event (comments are skipped), or null when the stream ended.</summary>
    public async Task<(string? Id, string Event, string Data, DateTimeOffset ArrivedAt)?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, kind = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (kind is not null || data.Length > 0)
                {
                    return (id, kind ?? "message", data.ToString(), TimeProvider.System.GetUtcNow());
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }

        return null;
    }

    public void Dispose() => reader.Dispose();
}
