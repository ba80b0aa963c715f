using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// Sends <see cref="CancelRun"/> to the run's agent queue. The wait is bounded (<see cref="BusDispatcher.SendTimeout"/>):
/// while the broker is down the caller gets a <see cref="TimeoutException"/> instead of hanging on the connection.
/// </summary>
internal sealed class BusCanceller(ISendEndpointProvider endpoints) : IRunCanceller
{
    public Task CancelAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken) =>
        SendAsync(run, requestedBy, cancellationToken).WaitAsync(BusDispatcher.SendTimeout, cancellationToken);

    private async Task SendAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{QueueNames.Agent(run.Host)}"));
        await endpoint.Send(new CancelRun { RunId = run.RunId, Attempt = run.Attempt, RequestedBy = requestedBy }, cancellationToken);
    }
}
