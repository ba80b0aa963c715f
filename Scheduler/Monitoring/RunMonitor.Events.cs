using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

internal sealed partial class RunMonitor
{
    /// <summary>The "run started" row of a first attempt's acceptance; null for a later attempt (a retry is no new start).</summary>
    public NewTimelineEvent? AcceptedEvent(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Attempt != 1)
        {
            return null;
        }

        var d = registry.Find(run.Tid)?.Definition;
        var codes = d?.RetryOnExitCodes is { Count: > 0 } list ? $", retry_on_exit_codes [{string.Join(", ", list)}]" : "";
        var detail = d is null
            ? $"execution began on {run.Host}"
            : $"execution began on {run.Host}: retry_attempts {d.RetryAttempts}, backoff {d.RetryDelay} s base x2 per attempt, cap {RetryBackoff.Cap.TotalSeconds:0} s, jitter {RetryBackoff.Jitter:P0}{codes}";
        return Event(run, TimelineTypes.RunStarted, Severities.Info, detail);
    }

    /// <summary>The "attempt started" row of STARTED → RUNNING.</summary>
    public static NewTimelineEvent AttemptStartedEvent(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Event(run, TimelineTypes.AttemptStarted, Severities.Info, $"attempt {run.Attempt} started on agent {run.Host}");
    }

    /// <summary>
    /// The rows a successful end writes (attempt succeeded, then run completed), or null when the end is not a success:
    /// a failure's rows depend on its classification, the failed list and the host's breaker, and stay with
    /// <see cref="AttemptEndedAsync(RunRecord, AttemptResult, CancellationToken)"/> and <see cref="RunEndedAsync(RunRecord, AttemptResult, ErrorClass?, bool, CancellationToken)"/>.
    /// </summary>
    public static IReadOnlyList<NewTimelineEvent>? SucceededEvents(RunRecord before, RunRecord ended, AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(ended);
        ArgumentNullException.ThrowIfNull(result);

        // A success is never classified (ErrorClassifier answers null for it), so these are exactly the rows those write.
        return result.Status == RunStatus.Success && ended.Status == RunStatus.Success
            ? [AttemptSucceededEvent(before), RunCompletedEvent(ended)]
            : null;
    }

    private static NewTimelineEvent AttemptSucceededEvent(RunRecord run) =>
        Event(run, TimelineTypes.AttemptSucceeded, Severities.Info, $"attempt {run.Attempt} ended with return code 0");

    private static NewTimelineEvent RunCompletedEvent(RunRecord ended) =>
        Event(ended, TimelineTypes.RunCompleted, Severities.Info, $"completed on attempt {ended.Attempt}");

    private static NewTimelineEvent Event(RunRecord run, string type, string severity, string detail) =>
        new(run.RunId, run.Attempt, type, severity, run.Status.ToText(), Actor, detail);
}
