using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>Hands a run in TRIGGER to the agents. The one door to the transport: the bus in production, a fake in tests.</summary>
internal interface IRunDispatcher
{
    Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken);
}
