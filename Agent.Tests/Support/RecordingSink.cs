using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Support;

/// <summary>The transport seam, recorded: every event the agent sent, in order. Can play a broker that is down.</summary>
internal sealed class RecordingSink : IRunEventSink
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    private readonly List<object> events = [];
    private int finishedRefused;

    /// <summary>While true, RunFinished is refused (as by a broker that is down) and not recorded.</summary>
    public bool RefuseFinished { get; set; }

    public int FinishedRefusals => Volatile.Read(ref finishedRefused);

    public IReadOnlyList<object> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public IReadOnlyList<T> Of<T>(string runId) where T : class =>
        [.. Events.OfType<T>().Where(e => RunIdOf(e) == runId)];

    public Task<RunFinished> FinishedAsync(string runId) => WaitForAsync<RunFinished>(runId);

    public Task<RunStarted> StartedAsync(string runId) => WaitForAsync<RunStarted>(runId);

    public async Task<T> WaitForAsync<T>(string runId) where T : class
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(deadline) < Patience)
        {
            if (Of<T>(runId) is [var found, ..])
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"no {typeof(T).Name} for {runId} within {Patience}; events: {string.Join(", ", Events)}");
    }

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken) => Record(message);

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken) => Record(message);

    public Task OutputAsync(RunOutput message, CancellationToken cancellationToken) => Record(message);

    public Task FinishedAsync(RunFinished message, CancellationToken cancellationToken)
    {
        if (RefuseFinished)
        {
            Interlocked.Increment(ref finishedRefused);
            throw new InvalidOperationException("broker unreachable (test)");
        }

        return Record(message);
    }

    private static string RunIdOf(object e) => e switch
    {
        RunAccepted a => a.RunId,
        RunStarted s => s.RunId,
        RunOutput o => o.RunId,
        RunFinished f => f.RunId,
        _ => "",
    };

    private Task Record(object message)
    {
        lock (gate)
        {
            events.Add(message);
        }

        return Task.CompletedTask;
    }
}
