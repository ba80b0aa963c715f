namespace EasyTask.Agent.Benchmarks;

/// <summary>Samples the agent process's working set while a measurement runs, to report its peak.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public MemorySampler()
    {
        Peak = Environment.WorkingSet;
        loop = SampleAsync();
    }

    public long Peak { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        try
        {
            while (true)
            {
                Peak = Math.Max(Peak, Environment.WorkingSet);
                await Task.Delay(TimeSpan.FromMilliseconds(20), stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }
}
