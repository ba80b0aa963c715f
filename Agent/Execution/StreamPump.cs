using System.Buffers;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Copies one of the child's pipes, as raw bytes in pooled buffers, to its file and to the live batches. Never
/// reads lines: a child writing a gigabyte without a newline costs the agent one buffer, not a gigabyte. Past the
/// stream's <see cref="OutputBudget"/> the pipe is still read to the end, but nothing more is kept.
/// </summary>
internal static class StreamPump
{
    // Large enough to drain a full Linux pipe (64 KiB) in one read.
    private const int BufferSize = 64 * 1024;

    /// <summary>Pumps until end of stream, or until <paramref name="abandon"/> fires (a leftover process holds the pipe open).</summary>
    public static async Task<long> PumpAsync(Stream source, OutputFile file, LiveStream live, OutputBudget budget, CancellationToken abandon)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), abandon)) > 0)
            {
                var kept = budget.Take(read, out var cutNow);
                if (kept > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, kept));
                    live.Offer(buffer.AsSpan(0, kept));
                }

                if (cutNow)
                {
                    await file.WriteAsync(budget.Marker);
                    live.Offer(budget.Marker.Span);
                }

                total += read;
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // The run is over; whatever a leftover background process writes later is not captured.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }
}
