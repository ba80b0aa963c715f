using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// The dispatcher while no agent transport is configured: the run stays in TRIGGER, visibly, and the
/// log says why, instead of pretending it was sent.
/// </summary>
internal sealed partial class UnconnectedDispatcher(ILogger<UnconnectedDispatcher> log) : IRunDispatcher
{
    public Task DispatchAsync(RunRecord run, TaskDefinition definition, CancellationToken cancellationToken)
    {
        LogWaiting(log, run.RunId, run.TaskName, run.Host);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of {TaskName} waits in TRIGGER: no agent transport is configured, so nothing can reach host {Host}")]
    private static partial void LogWaiting(ILogger logger, string runId, string taskName, string host);
}
