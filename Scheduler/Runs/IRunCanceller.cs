using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>Asks the agent running a run to kill its process tree.</summary>
internal interface IRunCanceller
{
    Task CancelAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken);
}
