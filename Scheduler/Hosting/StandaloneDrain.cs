using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Hosting;

/// <summary>
/// Standalone's shutdown step between the in-process agent and the bus: hosts stop in reverse order, so this
/// runs after the agent has terminated its running tasks and sent their results, and before the bus stops.
/// It waits until the scheduler has recorded them, so no run is left RUNNING when the process exits.
/// </summary>
internal sealed class StandaloneDrain(IRunStore runs, AgentNames names, TimeProvider time, ILogger<StandaloneDrain> log) : IHostedService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var hosts = names.All.ToHashSet(StringComparer.Ordinal);
        var deadline = time.GetUtcNow() + Limit;
        while (time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            var inFlight = await runs.ListAsync(new RunQuery(Statuses: [RunStatus.Started, RunStatus.Running], Limit: 1000), CancellationToken.None);
            if (!inFlight.Any(r => hosts.Contains(r.Host)))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, CancellationToken.None);
        }

        log.LogWarning("Stopping with runs of the local agent not yet recorded as ended; the next start resolves them (agent_lost)");
    }
}
