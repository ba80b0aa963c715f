using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>Sends <see cref="CancelRun"/> to the run's agent queue.</summary>
internal sealed class BusCanceller(ISendEndpointProvider endpoints) : IRunCanceller
{
    public async Task CancelAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{QueueNames.Agent(run.Host)}"));
        await endpoint.Send(new CancelRun { RunId = run.RunId, Attempt = run.Attempt, RequestedBy = requestedBy }, cancellationToken);
    }
}
