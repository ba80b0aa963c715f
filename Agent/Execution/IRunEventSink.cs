using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Where the agent's run events go; the transport (the bus wiring) implements it. Returning normally means the
/// event was handed over: for <see cref="FinishedAsync"/> that is the delivery acknowledgement after which the
/// journaled result is marked delivered, so an implementation should complete only once the broker confirmed the
/// publish. Throwing leaves the result journaled; the agent sends it again later.
/// </summary>
internal interface IRunEventSink
{
    Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken);

    Task StartedAsync(RunStarted message, CancellationToken cancellationToken);

    /// <summary>Live output, best effort: a failure only costs the viewer this batch.</summary>
    Task OutputAsync(RunOutput message, CancellationToken cancellationToken);

    Task FinishedAsync(RunFinished message, CancellationToken cancellationToken);
}
