using EasyTask.Agent.Execution;
using EasyTask.Contracts.Messages;
using MassTransit;

namespace EasyTask.Agent.Messaging;

/// <summary>
/// Sends the agent's events to the scheduler (see <see cref="AgentBusRoute"/>). A send that the broker does not confirm within the
/// timeout fails, so a finished result stays undelivered in the journal and is sent again later.
/// </summary>
internal sealed class BusEventSink(ISendEndpointProvider endpoints, AgentBusRoute route) : IRunEventSink
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken) => SendAsync(message, cancellationToken);

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken) => SendAsync(message, cancellationToken);

    public Task OutputAsync(RunOutput message, CancellationToken cancellationToken) => SendAsync(message, cancellationToken);

    public Task FinishedAsync(RunFinished message, CancellationToken cancellationToken) => SendAsync(message, cancellationToken);

    public Task HeartbeatAsync(AgentHeartbeat message, CancellationToken cancellationToken) => SendAsync(message, route.Heartbeats, cancellationToken);

    /// <summary>Answers with the heartbeats, apart from the run events, so a queue of results never delays the answer.</summary>
    public Task AnswerAsync(RunsAnswer message, CancellationToken cancellationToken) => SendAsync(message, route.Heartbeats, cancellationToken);

    private Task SendAsync<T>(T message, CancellationToken cancellationToken)
        where T : class => SendAsync(message, route.Events, cancellationToken);

    private async Task SendAsync<T>(T message, Uri address, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        var endpoint = await endpoints.GetSendEndpoint(address);
        await endpoint.Send(message, timeout.Token);
    }
}
