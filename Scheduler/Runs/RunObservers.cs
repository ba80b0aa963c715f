using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>Tells every <see cref="IRunObserver"/> that a run ended; one failing observer never stops the lifecycle.</summary>
internal sealed partial class RunObservers(IEnumerable<IRunObserver> observers, ILogger<RunObservers> log)
{
    private readonly IRunObserver[] all = [.. observers];

    public async Task EndedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        foreach (var observer in all)
        {
            try
            {
                await observer.RunEndedAsync(run, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogObserverFailed(log, ex, observer.GetType().Name, run.RunId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Observer} failed on the end of run {RunId}; the run itself is recorded")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, string observer, string runId);
}
