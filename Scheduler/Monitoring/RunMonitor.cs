using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Alerts;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// What the run lifecycle tells monitoring at each transition point: it appends the typed timeline events,
/// classifies failed attempts, feeds the host breakers, keeps the failed-runs list, raises alerts and counts
/// metrics. Monitoring never stops the lifecycle: a failure here is logged and the run moves on.
/// </summary>
internal sealed partial class RunMonitor(
    IMonitoringStore store,
    TaskRegistry registry,
    RunMetrics metrics,
    CircuitBreakers breakers,
    AlertRaiser alerts,
    TimeProvider time,
    ILogger<RunMonitor> log)
{
    public const string Actor = "scheduler (monitoring)";

    /// <summary>TRIGGER → STARTED: the first attempt's acceptance is the start of the run's execution.</summary>
    public Task RunAcceptedAsync(RunRecord run, CancellationToken cancellationToken) => RunAcceptedAsync(run, timelineWritten: false, cancellationToken);

    /// <summary>
    /// TRIGGER → STARTED; with <paramref name="timelineWritten"/> the batch recorder already wrote <see cref="AcceptedEvent"/>
    /// in the move's own transaction, and only the rest (metrics) is left.
    /// </summary>
    public Task RunAcceptedAsync(RunRecord run, bool timelineWritten, CancellationToken cancellationToken) => GuardAsync(run, async () =>
    {
        // A retry is no new start. The row is built only when it is still to write: the batch recorder built it already.
        if (run.Attempt != 1)
        {
            return;
        }

        if (!timelineWritten && AcceptedEvent(run) is { } entry)
        {
            await store.AppendAsync(entry, cancellationToken);
        }

        metrics.Started(run.TaskName, run.Host);
    });

    /// <summary>STARTED → RUNNING: the attempt's process is alive.</summary>
    public Task AttemptStartedAsync(RunRecord run, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        AttemptStartedAsync(run, startedAt, timelineWritten: false, cancellationToken);

    /// <summary>STARTED → RUNNING; with <paramref name="timelineWritten"/> the batch recorder already wrote <see cref="AttemptStartedEvent"/>.</summary>
    public Task AttemptStartedAsync(RunRecord run, DateTimeOffset startedAt, bool timelineWritten, CancellationToken cancellationToken) => GuardAsync(run, async () =>
    {
        if (!timelineWritten)
        {
            await store.AppendAsync(AttemptStartedEvent(run), cancellationToken);
        }

        if (run.Attempt == 1)
        {
            metrics.ScheduleLag(run.TaskName, run.Host, startedAt - run.ScheduledFor);
        }
    });

    /// <summary>An attempt ended: classify it, record it, feed the host's breaker. Returns the error class (null for a success).</summary>
    public Task<ErrorClass?> AttemptEndedAsync(RunRecord run, AttemptResult result, CancellationToken cancellationToken) =>
        AttemptEndedAsync(run, result, timelineWritten: false, cancellationToken);

    /// <summary>
    /// An attempt ended; with <paramref name="timelineWritten"/> (a success only) the batch recorder already wrote its row
    /// (<see cref="SucceededEvents"/>).
    /// </summary>
    public async Task<ErrorClass?> AttemptEndedAsync(RunRecord run, AttemptResult result, bool timelineWritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        var definition = registry.Find(run.Tid)?.Definition;
        var errorClass = ErrorClassifier.Classify(result, definition);
        await GuardAsync(run, async () =>
        {
            if (errorClass is null)
            {
                if (!timelineWritten)
                {
                    await store.AppendAsync(AttemptSucceededEvent(run), cancellationToken);
                }
            }
            else
            {
                await store.ClassifyAttemptAsync(run.RunId, run.Attempt, errorClass.Name, result.Detail, cancellationToken);
                await AppendAsync(run, TimelineTypes.AttemptFailed, Severities.Error, Describe(run, result, errorClass), cancellationToken);
            }

            await FeedBreakerAsync(run, result, errorClass, cancellationToken);
        });
        return errorClass;
    }

    /// <summary>A retry was scheduled after the backoff chosen.</summary>
    public Task RetriedAsync(RunRecord run, TimeSpan backoff, int nextAttempt, int maxAttempts, CancellationToken cancellationToken) => GuardAsync(run, async () =>
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"attempt {nextAttempt} of {maxAttempts} after a backoff of {backoff.TotalSeconds:0.0} s");
        await AppendAsync(run with { Attempt = nextAttempt }, TimelineTypes.RunRetried, Severities.Info, detail, cancellationToken);
        metrics.Retried(run.TaskName, run.Host, "automatic");
    });

    /// <summary>
    /// The run reached its final status through an attempt's end; with <paramref name="timelineWritten"/> (a success only) the batch recorder already
    /// wrote its completion row (<see cref="SucceededEvents"/>), and the rest (metrics, alerts) is left.
    /// </summary>
    public Task RunEndedAsync(RunRecord ended, AttemptResult result, ErrorClass? errorClass, bool timelineWritten, CancellationToken cancellationToken) => GuardAsync(ended, async () =>
    {
        metrics.Finished(ended.TaskName, ended.Host, ended.Status.ToText(), result.Reason);
        if (ended.StartedAt is { } started)
        {
            metrics.Duration(ended.TaskName, ended.Host, ended.Status.ToText(), result.FinishedAt - started);
        }

        var definition = registry.Find(ended.Tid)?.Definition;
        if (ended.Status == RunStatus.Success)
        {
            if (!timelineWritten)
            {
                await store.AppendAsync(RunCompletedEvent(ended), cancellationToken);
            }

            var kind = ended.Attempt > 1 ? AlertKinds.Recovered : AlertKinds.Succeeded;
            await alerts.ForRunAsync(kind, ended, $"run {ended.RunId} of {ended.TaskName} succeeded on attempt {ended.Attempt}", definition, cancellationToken);
            return;
        }

        // Killed and shut down are someone's decision, not a failure to recover from.
        if (result.Reason is RunReason.Killed or RunReason.Shutdown)
        {
            return;
        }

        var why = errorClass is { IsRetryable: false } ? $"failed permanently ({errorClass.Why}); not retried" : $"all retries exhausted after {ended.Attempt} attempt(s)";
        await AppendAsync(ended, TimelineTypes.RunFailed, Severities.Error, $"{why}: {ended.Status.ToText()} ({result.Reason}{Code(result)})", cancellationToken);
        await store.AddFailedAsync(
            new FailedRun(ended.RunId, ended.Tid, ended.TaskName, ended.Host, ended.Status.ToText(), result.Reason, errorClass?.Name, result.ReturnCode,
                ended.Attempt, result.Detail ?? why, time.GetUtcNow()),
            cancellationToken);
        await AppendAsync(ended, TimelineTypes.MovedToFailedList, Severities.Warning, "listed among the failed runs for manual review and retry", cancellationToken);
        var alertKind = result.Reason switch
        {
            RunReason.TimedOut => AlertKinds.TimedOut,
            RunReason.AgentLost => AlertKinds.AgentLost,
            _ => AlertKinds.Failed,
        };
        await alerts.ForRunAsync(alertKind, ended, $"run {ended.RunId} of {ended.TaskName} on {ended.Host} {why}: {result.Reason}{Code(result)}{(result.Detail is null ? "" : ": " + result.Detail)}", definition, cancellationToken);
    });

    private async Task FeedBreakerAsync(RunRecord run, AttemptResult result, ErrorClass? errorClass, CancellationToken cancellationToken)
    {
        if (errorClass is { HostLevel: true })
        {
            if (breakers.RecordFailure(run.Host))
            {
                await AppendAsync(run, TimelineTypes.CircuitBreakerOpened, Severities.Critical, $"circuit breaker for host {run.Host} opened: {errorClass.Why}", cancellationToken);
                await alerts.ForHostAsync(AlertKinds.CircuitOpen, run.Host, time.GetUtcNow(), $"circuit breaker for host {run.Host} opened after consecutive host-level failures ({errorClass.Why})", cancellationToken);
            }
        }
        else if (result.StartedAt is not null || result.Reason == RunReason.ExitCode)
        {
            breakers.RecordSuccess(run.Host);
        }
    }

    private Task AppendAsync(RunRecord run, string type, string severity, string detail, CancellationToken cancellationToken) =>
        store.AppendAsync(Event(run, type, severity, detail), cancellationToken);

    private static string Describe(RunRecord run, AttemptResult result, ErrorClass errorClass) =>
        $"attempt {run.Attempt} {result.Status.ToText()} ({result.Reason}{Code(result)}), error class {errorClass.Name}: {errorClass.Why}" +
        (result.Detail is null ? "" : $"; {result.Detail}");

    private static string Code(AttemptResult result) => result.ReturnCode is { } rc ? $", return code {rc}" : "";

    private async Task GuardAsync(RunRecord run, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(log, ex, run.RunId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitoring could not record what happened to run {RunId}; the run itself is unaffected")]
    private static partial void LogFailed(ILogger logger, Exception exception, string runId);
}
