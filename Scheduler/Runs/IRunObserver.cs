using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Hears of every run that reached a final status, whichever way it got there (agent result, lost agent,
/// dependency failure, missed or skipped occurrence, kill). The hook for alerts and the failed-run list.
/// </summary>
internal interface IRunObserver
{
    Task RunEndedAsync(RunRecord run, CancellationToken cancellationToken);
}
