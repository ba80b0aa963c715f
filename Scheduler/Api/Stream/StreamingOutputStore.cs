using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>The output store, also handing each stored batch to the live stream (after it is stored, so a reader never sees text the log lacks).</summary>
internal sealed class StreamingOutputStore(OutputStore inner, RunStream live) : IOutputStore
{
    public async Task AppendAsync(string runId, int attempt, string stream, long sequence, string text, CancellationToken cancellationToken)
    {
        await inner.AppendAsync(runId, attempt, stream, sequence, text, cancellationToken);
        live.Output(runId, attempt, stream, text);
    }

    public Task<string> ReadAsync(string runId, int attempt, string stream, CancellationToken cancellationToken) =>
        inner.ReadAsync(runId, attempt, stream, cancellationToken);
}
