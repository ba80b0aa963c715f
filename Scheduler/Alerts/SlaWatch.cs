using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Alerts;

/// <summary>
/// Raises <c>late</c> for runs not STARTED within their task's <c>late_after</c> of the scheduled time, and
/// <c>long_running</c> for runs still going past <c>expected_duration</c> (the run is not killed). The alert's
/// unique key keeps it to one per run and kind; a set in memory spares the database the repeated attempts.
/// </summary>
internal sealed partial class SlaWatch(
    IRunStore runs,
    TaskRegistry registry,
    AlertRaiser alerts,
    IOptionsMonitor<AlertOptions> options,
    TimeProvider time,
    ILogger<SlaWatch> log) : BackgroundService
{
    private readonly HashSet<string> raised = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex);
            }

            await Task.Delay(options.CurrentValue.CheckInterval, time, stoppingToken);
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (!registry.All.Any(t => t.Definition.LateAfter is not null || t.Definition.ExpectedDuration is not null))
        {
            // No task asks for it: nothing to read.
            raised.Clear();
            return;
        }

        var now = time.GetUtcNow();
        var open = await runs.ListAsync(new RunQuery(Statuses: [RunStatus.Active, RunStatus.Trigger, RunStatus.Started, RunStatus.Running], Limit: 10_000), cancellationToken);
        raised.IntersectWith(open.SelectMany(r => new[] { $"{r.RunId}:{AlertKinds.Late}", $"{r.RunId}:{AlertKinds.LongRunning}" }));
        foreach (var run in open)
        {
            if (registry.Find(run.Tid)?.Definition is not { } d)
            {
                continue;
            }

            if (run.Status is RunStatus.Active or RunStatus.Trigger && d.LateAfter is { } late && now > run.ScheduledFor.AddSeconds(late))
            {
                await RaiseAsync(AlertKinds.Late, run, d, $"run {run.RunId} of {run.TaskName} has not started {late} s after its scheduled time {run.ScheduledFor.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (still {run.Status.ToText()})", cancellationToken);
            }

            if (run.Status is RunStatus.Running or RunStatus.Started && d.ExpectedDuration is { } expected && run.StartedAt is { } started && now > started.AddSeconds(expected))
            {
                await RaiseAsync(AlertKinds.LongRunning, run, d, $"run {run.RunId} of {run.TaskName} on {run.Host} is still running after {(int)(now - started).TotalSeconds} s (expected_duration {expected} s); it is not killed", cancellationToken);
            }
        }
    }

    private async Task RaiseAsync(string kind, RunRecord run, TaskDefinition definition, string message, CancellationToken cancellationToken)
    {
        if (raised.Add($"{run.RunId}:{kind}"))
        {
            await alerts.ForRunAsync(kind, run, message, definition, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking late and long-running runs failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
