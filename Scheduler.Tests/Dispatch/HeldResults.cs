using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;

namespace EasyTask.Scheduler.Tests.Dispatch;

/// <summary>
/// The agent's way to the bus with every result held back until <see cref="Release"/>: the result is journaled and the
/// run has ended on the agent, but the scheduler has not received it, as when it is still on its way through a busy broker.
/// </summary>
internal sealed class HeldResults(IRunEventSink bus) : IRunEventSink
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first result is being held.</summary>
    public Task FirstHeld => firstHeld.Task;

    public void Release() => released.TrySetResult();

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken) => bus.AcceptedAsync(message, cancellationToken);

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken) => bus.StartedAsync(message, cancellationToken);

    public Task OutputAsync(RunOutput message, CancellationToken cancellationToken) => bus.OutputAsync(message, cancellationToken);

    public async Task FinishedAsync(RunFinished message, CancellationToken cancellationToken)
    {
        firstHeld.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
        await bus.FinishedAsync(message, cancellationToken);
    }
}
