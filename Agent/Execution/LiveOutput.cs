using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Sends a running process's output to the sink in batches, every <c>OutputBatchInterval</c>. A slow sink only
/// makes batches larger (up to the byte limit) and then lossy; it never slows the process down.
/// </summary>
internal sealed partial class LiveOutput : IAsyncDisposable
{
    private readonly IRunEventSink sink;
    private readonly RunTask task;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;

    public LiveOutput(IRunEventSink sink, RunTask task, int maxBytes, TimeSpan interval, TimeProvider time, ILogger log)
    {
        (this.sink, this.task, this.interval, this.time, this.log) = (sink, task, interval, time, log);
        Stdout = new LiveStream("stdout", maxBytes);
        Stderr = new LiveStream("stderr", maxBytes);
    }

    public LiveStream Stdout { get; }

    public LiveStream Stderr { get; }

    /// <summary>Starts sending batches. Bytes offered before are kept (up to the limit) for the first batch.</summary>
    public void Start() => loop = RunAsync();

    /// <summary>Stops the timer and sends what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        await FlushAsync(final: true);
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stop.Token);
                await FlushAsync(final: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Completed: the final flush follows.
        }
    }

    private async Task FlushAsync(bool final)
    {
        foreach (var stream in (LiveStream[])[Stdout, Stderr])
        {
            if (stream.TakeText(final) is not { } text)
            {
                continue;
            }

            var batch = new RunOutput { RunId = task.RunId, Attempt = task.Attempt, Stream = stream.Name, Sequence = stream.Sequence++, Text = text };
            try
            {
                await sink.OutputAsync(batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogOutputLost(log, task.RunId, stream.Name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live output of run {RunId} ({Stream}) could not be sent: {Problem}")]
    private static partial void LogOutputLost(ILogger logger, string runId, string stream, string problem);
}
