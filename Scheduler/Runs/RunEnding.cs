using System.Globalization;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Part of <see cref="RunLifecycle"/>. Ends an attempt: records it, then either sends the run back to ACTIVE for a
/// retry, with its <c>not_before</c> an exponential backoff with jitter away (when it failed and retries are left), or ends the run and lets dependents know.
/// The one place the retry policy lives, for agent results and lost agents alike.
/// </summary>
internal sealed class RunEnding(
    IRunStore runs,
    TaskRegistry registry,
    RunFinishedHandler finished,
    RunObservers observers,
    RunMonitor monitor,
    RetrySignal wake,
    TimeProvider time,
    ILogger<RunEnding> log)
{
    /// <summary>Ends the attempt; false when the run changed meanwhile (its version moved on) and nothing was written.</summary>
    public async Task<bool> EndAttemptAsync(RunRecord run, AttemptResult result, string actor, CancellationToken cancellationToken)
    {
        await runs.RecordAttemptAsync(
            new RunAttempt(run.RunId, run.Attempt, result.Status, result.Reason, result.ReturnCode, run.Host, result.StartedAt ?? run.StartedAt, result.FinishedAt),
            cancellationToken);
        var errorClass = await monitor.AttemptEndedAsync(run, result, cancellationToken);
        var definition = registry.Find(run.Tid)?.Definition;
        // Killed and shutdown are someone's decision, not a failure of the task: they end the run without a retry.
        var retry = result.Status != RunStatus.Success && result.Reason is not (RunReason.Killed or RunReason.Shutdown) && definition is not null && run.Attempt <= definition.RetryAttempts
            && errorClass is not { IsRetryable: false };
        if (retry)
        {
            return await RetryAsync(run, result, definition!.RetryAttempts + 1, TimeSpan.FromSeconds(definition.RetryDelay), actor, cancellationToken);
        }

        var ended = await runs.TransitionAsync(
            new RunChange(run.RunId, run.Version, run.Status, result.Status, actor, Detail: WithReturnCode(result), Reason: result.Reason,
                ReturnCode: result.ReturnCode, StartedAt: result.StartedAt, FinishedAt: result.FinishedAt),
            cancellationToken);
        if (ended is null)
        {
            return false;
        }

        await EndedAsync(run, ended, result, errorClass, timelineWritten: false, cancellationToken);
        return true;
    }

    /// <summary>Whether the attempt's end sends the run back for another attempt rather than ending it.</summary>
    public bool Retries(RunRecord run, AttemptResult result) =>
        result.Status != RunStatus.Success && result.Reason is not (RunReason.Killed or RunReason.Shutdown) && registry.Find(run.Tid)?.Definition is { } d && run.Attempt <= d.RetryAttempts
        && ErrorClassifier.Classify(result, d) is not { IsRetryable: false };

    /// <summary>
    /// What follows a run's final status once it is recorded: the log line, then dependents. With
    /// <paramref name="timelineWritten"/> the batch recorder wrote a success's timeline rows
    /// (<see cref="RunMonitor.SucceededEvents"/>) in the same transaction as the status.
    /// </summary>
    public async Task EndedAsync(RunRecord run, RunRecord ended, AttemptResult result, bool timelineWritten, CancellationToken cancellationToken)
    {
        // The batched path recorded the attempt itself: monitoring hears of the attempt's end here.
        var errorClass = await monitor.AttemptEndedAsync(run, result, timelineWritten, cancellationToken);
        await EndedAsync(run, ended, result, errorClass, timelineWritten, cancellationToken);
    }

    private async Task EndedAsync(RunRecord run, RunRecord ended, AttemptResult result, ErrorClass? errorClass, bool timelineWritten, CancellationToken cancellationToken)
    {
        var duration = ended.StartedAt is { } started ? (long)(result.FinishedAt - started).TotalMilliseconds : 0;
        RunLog.ExecutionResult(log, run.RunId, run.TaskName, run.Host, result.Status.ToText(), result.Reason,
            result.ReturnCode?.ToString(CultureInfo.InvariantCulture) ?? "-", duration, run.Attempt);
        await monitor.RunEndedAsync(ended, result, errorClass, timelineWritten, cancellationToken);
        await observers.EndedAsync(ended, cancellationToken);
        await finished.OnRunFinishedAsync(ended, cancellationToken);
    }

    /// <summary>The final event says how the run ended in full: its return code first, then whatever else the agent said.</summary>
    internal static string? WithReturnCode(AttemptResult result) => result.ReturnCode is { } rc
        ? $"return code {rc}{(result.Detail is null ? "" : "; " + result.Detail)}"
        : result.Detail;

    private async Task<bool> RetryAsync(RunRecord run, AttemptResult result, int maxAttempts, TimeSpan baseDelay, string actor, CancellationToken cancellationToken)
    {
        var delay = RetryBackoff.Delay(run.Attempt, baseDelay, Random.Shared.NextDouble());
        var at = time.GetUtcNow() + delay;
        var code = result.ReturnCode is { } rc ? $", return code {rc}" : "";
        var detail = $"attempt {run.Attempt} ended {result.Status.ToText()} ({result.Reason}{code}){(result.Detail is null ? "" : ": " + result.Detail)}; " +
            $"attempt {run.Attempt + 1} of {maxAttempts} after {delay.TotalSeconds:0.0} s";

        // The wake-up time is part of the row: a restart or a new leader waits it out too (RetryWake picks it up).
        var waiting = await runs.TransitionAsync(
            new RunChange(run.RunId, run.Version, run.Status, RunStatus.Active, actor, Detail: detail,
                Attempt: run.Attempt + 1, NotBefore: at),
            cancellationToken);
        if (waiting is not null)
        {
            wake.Scheduled();
            RunLog.RetryScheduled(log, run.RunId, run.TaskName, run.Host, run.Attempt, result.Status.ToText(), result.Reason, run.Attempt + 1, maxAttempts, (long)delay.TotalMilliseconds);
            RunLog.Triggered(log, run.RunId, run.TaskName, run.Host, run.ScheduledFor, $"retry (attempt {run.Attempt + 1} of {maxAttempts})");
            await monitor.RetriedAsync(run, delay, run.Attempt + 1, maxAttempts, cancellationToken);
        }

        return waiting is not null;
    }
}
